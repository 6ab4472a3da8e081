package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * accessibility.plain-language: English text above a reading grade (8 by default), by the Flesch-Kincaid grade level
 * (Kincaid et al., 1975: 0.39 words per sentence + 11.8 syllables per word - 15.59). Only judged on 20 words or
 * more: on a shorter text the formula says little.
 */
public final class PlainLanguageRule implements Rule {

    private static final int MIN_WORDS = 20;

    private final Finding.Action action;
    private final double maxGrade;

    public PlainLanguageRule(Finding.Action action, double maxGrade) {
        this.action = action;
        this.maxGrade = maxGrade;
    }

    @Override
    public String id() {
        return "accessibility.plain-language";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            if (!v.language().equals("en")) {
                continue;
            }
            double grade = grade(v.text());
            if (Double.isNaN(grade) || grade <= maxGrade) {
                continue;
            }
            String g = String.format(Locale.ROOT, "%.1f", grade);
            findings.add(Found.at(id(), action, false, v, 0, v.text().length(), null,
                    "Reads at grade " + g + ", above grade " + (int) maxGrade + ": many readers will struggle.",
                    "Niveau de lecture " + g + ", au-dessus de " + (int) maxGrade + " : plusieurs lecteurs auront de la difficulté.",
                    "Use shorter sentences and everyday words."));
        }
        return findings;
    }

    /**
     * The Flesch-Kincaid grade, or NaN for a text under 20 words. Words are runs of ASCII letters, joined across an
     * apostrophe (don't, people's); sentences end at runs of '.', '!' and '?'.
     */
    static double grade(String text) {
        if (text.length() < MIN_WORDS * 2) {
            return Double.NaN;
        }
        int words = 0;
        int syllables = 0;
        int sentences = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isAsciiLetter(c)) {
                int start = i;
                while (i < n && (isAsciiLetter(text.charAt(i))
                        || (isApostrophe(text.charAt(i)) && i + 1 < n && isAsciiLetter(text.charAt(i + 1)) && i > start))) {
                    i++;
                }
                words++;
                syllables += syllables(text, start, i);
            } else if (c == '.' || c == '!' || c == '?') {
                sentences++;
                while (i < n && (text.charAt(i) == '.' || text.charAt(i) == '!' || text.charAt(i) == '?')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        if (words < MIN_WORDS) {
            return Double.NaN;
        }
        return 0.39 * words / Math.max(1, sentences) + 11.8 * syllables / words - 15.59;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    static int syllables(String word) {
        return syllables(word, 0, word.length());
    }

    /** Vowel groups (a, e, i, o, u, y) in text[start, end), a final silent "e" dropped (but not "-le"); at least one. */
    private static int syllables(String text, int start, int end) {
        int length = end - start;
        if (length > 3 && lower(text.charAt(end - 1)) == 'e' && lower(text.charAt(end - 2)) != 'l') {
            end--;
        }
        int groups = 0;
        boolean inVowels = false;
        for (int i = start; i < end; i++) {
            char c = lower(text.charAt(i));
            boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
            if (vowel && !inVowels) {
                groups++;
            }
            inVowels = vowel;
        }
        return Math.max(1, groups);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
