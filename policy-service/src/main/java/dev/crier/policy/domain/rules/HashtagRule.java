package dev.crier.policy.domain.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.Extractor;
import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.TextFolder;
import dev.crier.policy.domain.text.TwitterEntities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final Set<String> words;

    public HashtagRule(Finding.Action action, Set<String> words) {
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
            if (!v.contains('#') && !v.contains('\uff03')) {
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

    /** The fewest dictionary words the text splits into, or 0 when it does not split into words at all. */
    int fewestWords(String text) {
        int n = text.length();
        int[] best = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - MAX_WORD); start < end; start++) {
                if (best[start] != Integer.MAX_VALUE && best[start] + 1 < best[end] && isWord(text.substring(start, end))) {
                    best[end] = best[start] + 1;
                }
            }
        }
        return best[n] == Integer.MAX_VALUE ? 0 : best[n];
    }

    private boolean isWord(String s) {
        return (s.length() >= 2 || s.equals("a")) && words.contains(s);
    }

    /** The English and French word lists (MIT, kept in lexicons/words with their licences), folded. */
    public static Set<String> defaultWords() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream en = resource("/lexicons/words/en.json"); InputStream fr = resource("/lexicons/words/fr.json")) {
            return Stream.concat(Arrays.stream(json.readValue(en, String[].class)), Arrays.stream(json.readValue(fr, String[].class)))
                    .filter(w -> w.length() <= MAX_WORD)
                    .map(w -> TextFolder.fold(w).toString())
                    .collect(Collectors.toUnmodifiableSet());
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
