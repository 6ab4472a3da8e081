package dev.crier.infra;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.util.List;

/**
 * Checks a console page, as the browser rendered it, for what keyboard and screen-reader users most often trip
 * on (WCAG 2.1 AA): a page language and a title, one main heading, a label for every form control, a text
 * alternative for every image, no positive tabindex (which breaks the focus order), an accessible name for every
 * link and button, and a text contrast of at least 4.5:1 (3:1 for large text) against the background behind it.
 * Not a full audit, but each finding is a real barrier, named with the element it is on.
 */
public final class Accessibility {

    private static final String CHECK = """
            const problems = [];
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '');
            const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
                return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0
                    && r.right > 0 && r.bottom > 0; };
            if (!document.documentElement.lang) problems.push('html has no lang attribute');
            if (!document.title.trim()) problems.push('the page has no title');
            if (document.querySelectorAll('h1').length !== 1) problems.push('the page has ' + document.querySelectorAll('h1').length + ' h1 headings, not one');
            for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'))
                    || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
                if (!labelled) problems.push(name(el) + ' has no label');
            }
            for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(name(img) + ' has no alt text');
            for (const el of document.querySelectorAll('[tabindex]')) if (el.tabIndex > 0) problems.push(name(el) + ' has a positive tabindex');
            for (const el of document.querySelectorAll('a[href], button')) {
                if (visible(el) && !(el.textContent.trim() || el.getAttribute('aria-label') || el.getAttribute('title')))
                    problems.push(name(el) + ' has no accessible name');
            }
            const rgba = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
            const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
            const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            for (const el of document.querySelectorAll('body *')) {
                const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                if (!text || !visible(el)) continue;
                const s = getComputedStyle(el); const fg = rgba(s.color); const bg = background(el);
                const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
                const ratio = (hi + 0.05) / (lo + 0.05);
                const size = parseFloat(s.fontSize); const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
                if (ratio < (large ? 3 : 4.5)) problems.push(name(el) + ' text contrast ' + ratio.toFixed(2) + ':1');
            }
            return problems;
            """;

    private Accessibility() {
    }

    /** The barriers found on the page the browser shows now; empty when there are none. */
    @SuppressWarnings("unchecked")
    public static List<String> problems(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(CHECK);
    }
}
