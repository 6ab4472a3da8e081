package dev.crier.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Draft;
import dev.crier.policy.corpus.Corpus;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drafts per second on one thread: the full default policy (canada-federal, every rule, its time budget on) over the
 * corpus drafts of up to 280 characters, and over full-length bilingual drafts (an English and a French version of
 * about 280 characters each, bench/long-drafts.jsonl), beside the naive baseline that only does the lexicon part with
 * one regex per term. Run: ./mvnw -pl policy-service -am -Pbenchmark -DskipTests verify
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Threads(1)
public class PolicyEngineBenchmark {

    private List<Draft> drafts;
    private List<Draft> longDrafts;
    private PolicyEngine engine;
    private NaiveLexiconBaseline naive;
    private int next;

    @Setup
    public void load() {
        drafts = Corpus.load().stream().map(Corpus.Entry::draft)
                .filter(d -> d.versions().values().stream().allMatch(t -> t.length() <= 280))
                .toList();
        longDrafts = longDrafts();
        engine = PolicyEngine.of(TestEngines.policy("canada-federal"), TestEngines.book());
        naive = new NaiveLexiconBaseline(TestEngines.policy("canada-federal"));
        System.out.printf("%n%d drafts of at most 280 characters per version; baseline has %d patterns%n",
                drafts.size(), naive.terms());
    }

    @Benchmark
    public Evaluation engineFullPolicy() {
        return engine.evaluate(drafts.get(next++ % drafts.size()));
    }

    @Benchmark
    public Evaluation engineFullPolicyLongBilingualDrafts() {
        return engine.evaluate(longDrafts.get(next++ % longDrafts.size()));
    }

    /** Real posts written out in full in both languages, for the five platforms. */
    static List<Draft> longDrafts() {
        try (InputStream in = PolicyEngineBenchmark.class.getResourceAsStream("/bench/long-drafts.jsonl")) {
            ObjectMapper json = new ObjectMapper();
            List<Draft> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode d = json.readTree(line);
                out.add(new Draft(d.get("en").asText(), "en", Map.of("fr", d.get("fr").asText()),
                        List.of("x", "mastodon", "bluesky", "facebook", "linkedin"), List.of(),
                        new Draft.Author("u-1", null, null), null, null, null, null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public int naiveRegexPerTermLexiconsOnly() {
        return naive.count(drafts.get(next++ % drafts.size()));
    }
}
