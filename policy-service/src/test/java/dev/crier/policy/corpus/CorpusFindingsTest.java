package dev.crier.policy.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every finding the engine makes over the corpus, to the character and the word, is the one recorded in
 * corpus/findings.jsonl: work on the engine's speed must not change what it finds. When a rule is meant to change,
 * rewrite the file with -Dcorpus.findings.rewrite=true and review its diff.
 */
class CorpusFindingsTest {

    // Read and written in the source tree (tests run in the module's directory), so a rewrite is seen at once.
    private static final Path FILE = Path.of("src/test/resources/corpus/findings.jsonl");
    // Escaped to ASCII: an excerpt may end inside a surrogate pair, which UTF-8 cannot write.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    @Test
    void findingsOverTheCorpusAreTheRecordedOnes() throws IOException {
        List<String> actual = render(Corpus.load());
        if (Boolean.getBoolean("corpus.findings.rewrite")) {
            Files.write(FILE, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).containsExactlyElementsOf(Files.readAllLines(FILE, StandardCharsets.UTF_8));
    }

    /** One line per draft: its decision, risk score, findings and shadow findings, with every field. */
    static List<String> render(List<Corpus.Entry> corpus) {
        Map<String, PolicyEngine> engines = Map.of("canada-federal", TestEngines.engine("canada-federal"),
                "generic", TestEngines.engine("generic"));
        return corpus.stream().map(entry -> {
            Evaluation e = engines.get(entry.profile()).evaluate(entry.draft());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", entry.id());
            line.put("decision", e.decision());
            line.put("riskScore", e.riskScore());
            line.put("findings", e.findings());
            line.put("shadowFindings", e.shadowFindings());
            try {
                return JSON.writeValueAsString(line);
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toList();
    }
}
