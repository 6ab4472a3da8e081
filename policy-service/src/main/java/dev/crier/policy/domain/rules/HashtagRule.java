package dev.crier.policy.domain.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.Extractor;
import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.TextFolder;
import dev.crier.policy.domain.text.TwitterEntities;
import dev.crier.policy.domain.text.WordList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * accessibility.hashtag: a hashtag of three or more words run together in lower case (#getyourflushot), which a
 * screen reader reads as one long word; CamelCase (#GetYourFluShot) is read word by word. A hashtag counts as the
 * fewest dictionary words (English and French word lists) it can be split into.
 */
public final class HashtagRule implements Rule {

    private static final int MAX_WORD = 24;
    private static final int MIN_WORDS = 3;

    private final Finding.Action action;
    private final WordList words;

    public HashtagRule(Finding.Action action, WordList words) {
        this.action = action;
        this.words = words;
    }

    @Override
    public String id() {
        return "accessibility.hashtag";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            if (!mayHoldLowerCaseHashtag(v.text())) {
                continue;
            }
            for (Extractor.Entity tag : TwitterEntities.hashtags(v.text())) {
                String name = tag.getValue();
                if (!name.chars().allMatch(Character::isLowerCase)) {
                    continue;
                }
                int count = fewestWords(TextFolder.fold(name).toString());
                if (count >= MIN_WORDS) {
                    findings.add(Found.at(id(), action, false, v, tag.getStart(), tag.getEnd(), "#" + name,
                            "#" + name + " runs " + count + " words together in lower case; screen readers cannot read it.",
                            "#" + name + " colle " + count + " mots en minuscules; les lecteurs d'écran ne peuvent pas le lire.",
                            "Capitalize each word (CamelCase), for example #GetYourFluShot."));
                }
            }
        }
        return findings;
    }

    /**
     * Whether a hashtag sign is followed by a lower-case letter: a hashtag's name starts right after its sign, so
     * without one no hashtag is in lower case, and twitter-text's costly expression need not look for any.
     */
    static boolean mayHoldLowerCaseHashtag(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '#' || c == '\uff03') && Character.isLowerCase(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The fewest dictionary words the text splits into, or 0 when it does not split into words at all. */
    int fewestWords(String text) {
        int n = text.length();
        int[] best = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int start = 0; start < n; start++) {
            if (best[start] == Integer.MAX_VALUE) {
                continue;
            }
            int from = start;
            int count = best[start] + 1;
            words.endsOfWordsAt(text, start, end -> {
                // One-letter words other than "a" would split anything.
                if ((end - from >= 2 || text.charAt(from) == 'a') && count < best[end]) {
                    best[end] = count;
                }
            });
        }
        return best[n] == Integer.MAX_VALUE ? 0 : best[n];
    }

    /** The English and French word lists (MIT, kept in lexicons/words with their licences), folded. */
    public static WordList defaultWords() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream en = resource("/lexicons/words/en.json"); InputStream fr = resource("/lexicons/words/fr.json")) {
            return new WordList(Stream.concat(Arrays.stream(json.readValue(en, String[].class)), Arrays.stream(json.readValue(fr, String[].class)))
                    .filter(w -> w.length() <= MAX_WORD)
                    .map(w -> TextFolder.fold(w).toString())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = HashtagRule.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
