package dev.crier.policy.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
 * Every finding the engine makes over the original corpus and over part 2's development drafts, to the character and
 * the word, is the one recorded in corpus/findings.jsonl and corpus/part2-development-findings.jsonl: work on the
 * engine's speed must not change what it finds, and a rule change shows its effect as a diff. When a rule is meant to
 * change, rewrite the files with -Dcorpus.findings.rewrite=true and review their diffs. The held-out drafts have no
 * pinned file: reviewing its diff would mean reading them (see the corpus README).
 */
class CorpusFindingsTest {

    // Read and written in the source tree (tests run in the module's directory), so a rewrite is seen at once.
    private static final Map<Corpus.Part, Path> FILES = Map.of(
            Corpus.Part.ORIGINAL, Path.of("src/test/resources/corpus/findings.jsonl"),
            Corpus.Part.DEVELOPMENT, Path.of("src/test/resources/corpus/part2-development-findings.jsonl"));
    // Escaped to ASCII: an excerpt may end inside a surrogate pair, which UTF-8 cannot write.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Corpus.Part.class, names = {"ORIGINAL", "DEVELOPMENT"})
    void findingsAreTheRecordedOnes(Corpus.Part part) throws IOException {
        Path file = FILES.get(part);
        List<String> actual = render(Corpus.load(part));
        if (Boolean.getBoolean("corpus.findings.rewrite")) {
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).containsExactlyElementsOf(Files.readAllLines(file, StandardCharsets.UTF_8));
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
