package dev.crier.policy.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Draft;

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

/** The labelled corpus (src/test/resources/corpus/drafts.jsonl): drafts written for the project, each with the rules that must fire. */
public final class Corpus {

    /** One labelled draft. */
    public record Entry(String id, String profile, String text, String language, Map<String, String> translations,
                        List<String> platforms, List<Draft.Media> media, String repostOf, Set<String> expect, String note) {
        public Draft draft() {
            return new Draft(text, language, translations, platforms, media, new Draft.Author("corpus", null, null),
                    null, null, repostOf, id);
        }
    }

    private Corpus() {
    }

    public static List<Entry> load() {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        InputStream in = Corpus.class.getResourceAsStream("/corpus/drafts.jsonl");
        if (in == null) {
            throw new IllegalStateException("the corpus src/test/resources/corpus/drafts.jsonl is missing");
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
