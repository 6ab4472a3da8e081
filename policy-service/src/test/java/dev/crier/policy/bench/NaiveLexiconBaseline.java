package dev.crier.policy.bench;

import dev.crier.events.Draft;
import dev.crier.policy.domain.policy.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The obvious way to do the engine's lexicon work: one case-insensitive java.util.regex pattern per term, each run
 * over every version of the draft. The benchmark runs it beside the engine to show what the single-pass automaton buys.
 */
final class NaiveLexiconBaseline {

    private final List<Pattern> patterns = new ArrayList<>();

    NaiveLexiconBaseline(Policy policy) {
        List<String> terms = new ArrayList<>();
        terms.addAll(load("/lexicons/ldnoobw/en.json"));
        terms.addAll(load("/lexicons/ldnoobw/fr.json"));
        terms.addAll(policy.restrictedNames());
        terms.addAll(policy.parties());
        terms.addAll(policy.calls());
        terms.addAll(policy.slogans());
        terms.addAll(List.of("top secret", "protected a", "protected b", "protected c", "cabinet confidence",
                "for official use only", "internal use only", "not for distribution", "not for public release",
                "très secret", "protégé a", "protégé b", "protégé c", "confidence du cabinet", "usage interne seulement",
                "ne pas diffuser", "embargoed until", "under embargo", "sous embargo"));
        for (String term : terms) {
            patterns.add(Pattern.compile("(?iu)(?<![\\p{L}\\d])" + Pattern.quote(term) + "(?![\\p{L}\\d])"));
        }
    }

    int terms() {
        return patterns.size();
    }

    /** How many term occurrences the draft holds, over all its versions. */
    int count(Draft draft) {
        int found = 0;
        for (String text : draft.versions().values()) {
            for (Pattern p : patterns) {
                var m = p.matcher(text);
                while (m.find()) {
                    found++;
                }
            }
        }
        return found;
    }

    private static List<String> load(String path) {
        try (InputStream in = NaiveLexiconBaseline.class.getResourceAsStream(path)) {
            return Arrays.asList(new ObjectMapper().readValue(in, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
