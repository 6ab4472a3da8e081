package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.lang.LanguageIdentifier;
import dev.crier.policy.domain.text.Chars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * languages.official (canada-federal profile): both official languages are required, and each version must be
 * written in the language it is declared in. Versions too short to judge (under five words) are not judged.
 */
public final class OfficialLanguagesRule implements Rule {

    private static final Map<String, String> NAMES = Map.of("en", "English", "fr", "French");
    private static final Map<String, String> NOMS = Map.of("en", "anglaise", "fr", "française");
    private static final int MIN_WORDS = 5;
    static final int SAMPLE = 2_000;

    private final Finding.Action action;
    private final LanguageIdentifier identifier;

    public OfficialLanguagesRule(Finding.Action action, LanguageIdentifier identifier) {
        this.action = action;
        this.identifier = identifier;
    }

    @Override
    public String id() {
        return "languages.official";
    }

    /** Words: runs of letters, not counting hashtags, mentions and the parts of addresses. */
    static int words(String text) {
        int words = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Chars.isLetter(c)) {
                char before = i == 0 ? ' ' : text.charAt(i - 1);
                int j = i;
                while (j < n && (Chars.isLetter(text.charAt(j)) || text.charAt(j) == '\'' || text.charAt(j) == '’' || text.charAt(j) == '-')) {
                    j++;
                }
                if (before != '#' && before != '@' && before != '/' && !Chars.isLetterOrDigit(before) && before != '_') {
                    words++;
                }
                i = j;
            } else {
                i++;
            }
        }
        return words;
    }

    /**
     * The part of a version the language is judged on: its first {@value #SAMPLE} characters (cut at a space), which
     * tell the language of any post as well as the whole would, at a bounded cost for the longest ones.
     */
    static String sample(String text) {
        if (text.length() <= SAMPLE) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SAMPLE);
        return text.substring(0, cut > SAMPLE / 2 ? cut : SAMPLE);
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (String required : List.of("en", "fr")) {
            if (draft.versions().stream().noneMatch(v -> v.language().equals(required))) {
                findings.add(new Finding(id(), action, false, "There is no " + NAMES.get(required) + " version.",
                        "Il n'y a pas de version " + NOMS.get(required) + ".", required, 0, 0, null,
                        "Add the " + NAMES.get(required) + " version as a translation."));
            }
        }
        for (ScannedDraft.Version v : draft.versions()) {
            if (words(v.text()) < MIN_WORDS) {
                continue;
            }
            if (!identifier.consistentWith(v.language(), sample(v.text()))) {
                String other = v.language().equals("en") ? "fr" : "en";
                findings.add(Found.at(id(), action, false, v, 0, v.text().length(), null,
                        "The " + NAMES.get(v.language()) + " version reads as " + NAMES.get(other) + ".",
                        "La version " + NOMS.get(v.language()) + " semble rédigée en " + (other.equals("en") ? "anglais" : "français") + ".",
                        "Put each language in its own version."));
            }
        }
        return findings;
    }
}
