package dev.crier.audit.domain.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The RFC 9162 probes of transparency-dev/merkle, read from {@code ../shared/merkle-testdata} next to the repository
 * (never copied into it): the verifier must accept every probe with {@code wantErr} false and reject every other.
 */
class MerkleTestVectorsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger PROBES_RUN = new AtomicInteger();
    static volatile boolean vectorsPresent;

    @TestFactory
    Stream<DynamicTest> everyProbeIsJudgedAsItExpects() throws IOException {
        Path dir = vectorsDir();
        vectorsPresent = Files.isDirectory(dir);
        if (!vectorsPresent) {
            // An assumption failing in the factory itself would abort it without a trace in the surefire report; in a
            // test it shows as one skipped test with this message.
            String message = "merkle test vectors not found at " + dir + ": skipping";
            System.out.println(message);
            return Stream.of(dynamicTest("merkle test vectors", () -> assumeTrue(vectorsPresent, message)));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        }
        assertThat(files).as("probe files under %s", dir).isNotEmpty();
        assertThat(files).anyMatch(f -> dir.relativize(f).startsWith("inclusion"))
                .anyMatch(f -> dir.relativize(f).startsWith("consistency"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode probe = JSON.readTree(file.toFile());
            boolean wantErr = probe.path("wantErr").asBoolean();
            String name = dir.relativize(file) + (wantErr ? " is rejected" : " is accepted");
            tests.add(dynamicTest(name, file.toUri(), () -> check(dir.relativize(file), probe, wantErr)));
        }
        System.out.println("Running " + tests.size() + " merkle test-vector probes from " + dir);
        return tests.stream();
    }

    @AfterAll
    static void someProbesRanIfTheVectorsArePresent() {
        if (vectorsPresent) {
            assertThat(PROBES_RUN.get()).as("probes run").isPositive();
            System.out.println("Ran " + PROBES_RUN.get() + " merkle test-vector probes");
        }
    }

    private static void check(Path relative, JsonNode probe, boolean wantErr) {
        boolean accepted;
        if (relative.startsWith("inclusion")) {
            accepted = MerkleVerifier.verifyInclusion(number(probe, "leafIdx"), number(probe, "treeSize"),
                    bytes(probe, "leafHash"), hashes(probe), bytes(probe, "root"));
        } else if (relative.startsWith("consistency")) {
            accepted = MerkleVerifier.verifyConsistency(number(probe, "size1"), number(probe, "size2"),
                    hashes(probe), bytes(probe, "root1"), bytes(probe, "root2"));
        } else {
            throw new IllegalStateException("neither an inclusion nor a consistency probe: " + relative);
        }
        PROBES_RUN.incrementAndGet();
        assertThat(accepted).as("%s (%s)", relative, probe.path("desc").asText()).isEqualTo(!wantErr);
    }

    /**
     * The probes hold unsigned 64-bit numbers; the ones above Long.MAX_VALUE (like 0 - 1) wrap to negatives here, as
     * they do in the two's complement they were made with, and no tree has a negative size or index.
     */
    private static long number(JsonNode probe, String field) {
        JsonNode node = probe.get(field);
        assertThat(node).as(field).isNotNull();
        assertThat(node.isIntegralNumber()).as(field + " is an integer").isTrue();
        return node.bigIntegerValue().longValue();
    }

    private static byte[] bytes(JsonNode probe, String field) {
        JsonNode node = probe.get(field);
        return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
    }

    private static List<byte[]> hashes(JsonNode probe) {
        List<byte[]> hashes = new ArrayList<>();
        JsonNode proof = probe.get("proof");
        if (proof != null && !proof.isNull()) {
            proof.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        }
        return hashes;
    }

    /** {@code crier.root} (set by surefire to the repository root) or the nearest folder up with {@code mvnw}. */
    static Path vectorsDir() {
        String root = System.getProperty("crier.root");
        Path repo = null;
        if (root != null && !root.isBlank() && !root.contains("${")) {
            repo = Path.of(root);
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve("mvnw"))) {
                    repo = dir;
                    break;
                }
            }
        }
        return repo == null ? Path.of("<repository root not found>", "..", "shared", "merkle-testdata")
                : repo.toAbsolutePath().resolve("../shared/merkle-testdata").normalize();
    }
}
