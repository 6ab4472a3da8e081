package dev.crier.policy.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labelled corpus (src/test/resources/corpus/): drafts written for the project, each with the rules that must fire,
 * the action each must carry and the decision. Three parts, judged apart (see the corpus README): the original corpus,
 * and part 2's development and held-out drafts.
 */
public final class Corpus {

    /** A part of the corpus, its file and what it is for. */
    public enum Part {
        /** The first 510 drafts, short, written together with the rules. */
        ORIGINAL("drafts.jsonl"),
        /** Part 2, full-length bilingual posts with evasions; looked at while the engine changes. */
        DEVELOPMENT("part2-development.jsonl"),
        /** Part 2's third kept aside: not looked at while the engine changes, so its figures estimate unseen drafts. */
        HELD_OUT("part2-held-out.jsonl");

        final String file;

        Part(String file) {
            this.file = file;
        }
    }

    /** One labelled draft: {@code expect} the rules that must fire, {@code actions} the action of each, {@code decision} the outcome. */
    public record Entry(String id, String profile, String text, String language, Map<String, String> translations,
                        List<String> platforms, List<Draft.Media> media, String repostOf, Set<String> expect,
                        Decision decision, Map<String, Finding.Action> actions, String note) {
        public Draft draft() {
            return new Draft(text, language, translations, platforms, media, new Draft.Author("corpus", null, null),
                    null, null, repostOf, id);
        }
    }

    private Corpus() {
    }

    /** The original corpus, which the benchmark and the text tests read. */
    public static List<Entry> load() {
        return load(Part.ORIGINAL);
    }

    public static List<Entry> load(Part part) {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        InputStream in = Corpus.class.getResourceAsStream("/corpus/" + part.file);
        if (in == null) {
            throw new IllegalStateException("the corpus src/test/resources/corpus/" + part.file + " is missing");
        }
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    try {
                        entries.add(json.readValue(line, Entry.class));
                    } catch (IOException e) {
                        throw new IllegalStateException("corpus line " + number + " is not a valid entry: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
