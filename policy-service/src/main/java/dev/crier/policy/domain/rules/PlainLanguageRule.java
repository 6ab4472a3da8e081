package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * accessibility.plain-language: English text above a reading grade (8 by default), by the Flesch-Kincaid grade level
 * (Kincaid et al., 1975: 0.39 words per sentence + 11.8 syllables per word - 15.59). Only judged on 20 words or
 * more: on a shorter text the formula says little.
 */
public final class PlainLanguageRule implements Rule {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:['’][A-Za-z]+)*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+");
    private static final Pattern VOWELS = Pattern.compile("[aeiouy]+");
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
        return draft.versions().stream().filter(v -> v.language().equals("en")).flatMap(v -> {
            double grade = grade(v.text());
            if (Double.isNaN(grade) || grade <= maxGrade) {
                return java.util.stream.Stream.empty();
            }
            String g = String.format(Locale.ROOT, "%.1f", grade);
            return java.util.stream.Stream.of(Found.at(id(), action, false, v, 0, v.text().length(), null,
                    "Reads at grade " + g + ", above grade " + (int) maxGrade + ": many readers will struggle.",
                    "Niveau de lecture " + g + ", au-dessus de " + (int) maxGrade + " : plusieurs lecteurs auront de la difficulté.",
                    "Use shorter sentences and everyday words."));
        }).toList();
    }

    /** The Flesch-Kincaid grade, or NaN for a text under 20 words. */
    static double grade(String text) {
        int words = 0;
        int syllables = 0;
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            words++;
            syllables += syllables(w.group());
        }
        if (words < MIN_WORDS) {
            return Double.NaN;
        }
        long sentences = Math.max(1, SENTENCE_END.matcher(text).results().count());
        return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
    }

    static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() > 3 && w.endsWith("e") && !w.endsWith("le")) {
            w = w.substring(0, w.length() - 1);
        }
        return Math.max(1, (int) VOWELS.matcher(w).results().count());
    }
}
