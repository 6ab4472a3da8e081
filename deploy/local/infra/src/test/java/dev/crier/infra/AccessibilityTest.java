package dev.crier.infra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AccessibilityTest {

    private static WebDriver driver;

    @BeforeAll
    static void start() {
        Browser.unavailable().ifPresent(System.err::println);
        assumeTrue(Browser.unavailable().isEmpty(), () -> Browser.unavailable().orElseThrow());
        driver = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static List<String> check(String html) {
        driver.get("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
        return Accessibility.problems(driver);
    }

    @Test
    void aPageWithLabelsAltTextAndContrastHasNoProblems() {
        assertThat(check("<html lang=en><title>Queue</title><body style='color:#1b1b1b'><h1>Queue</h1>"
                + "<label for=r>Reason</label><textarea id=r></textarea><label>Category <select><option>x</select></label>"
                + "<img src=x.png alt=''><a href=/x>Open</a><button style='background:#0b4f8a;color:#fff'>Approve</button>"
                + "<input type=hidden name=csrf value=1></body></html>")).isEmpty();
    }

    @Test
    void eachBarrierIsNamedWithItsElement() {
        List<String> problems = check("<html><title>x</title><body><h1>A</h1><h1>B</h1>"
                + "<input id=reason name=reason><img id=logo src=x.png><a id=go href=/x tabindex=3>Go</a>"
                + "<button id=icon></button><p id=faint style='color:#999'>Faint grey text</p></body></html>");
        assertThat(problems).contains("html has no lang attribute", "the page has 2 h1 headings, not one",
                "input#reason[name=reason] has no label", "img#logo has no alt text", "a#go has a positive tabindex",
                "button#icon has no accessible name");
        assertThat(problems).anyMatch(p -> p.startsWith("p#faint text contrast 2.85:1"));
    }
}
