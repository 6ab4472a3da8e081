package dev.crier.policy.domain;

import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.Finding;
import dev.crier.events.PostDecided;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FindingLimitTest {

    static Finding at(int start, Finding.Action action, boolean sensitive, String version) {
        return new Finding("privacy.email", action, sensitive, "m", "m", version, start, start + 5, "x", "fix");
    }

    @Test
    void aFewFindingsAreListedAsFound() {
        List<Finding> found = IntStream.range(0, FindingLimit.PER_VERSION).mapToObj(i -> at(i * 10, Finding.Action.REVIEW, true, "en")).toList();
        assertThat(FindingLimit.apply(found)).isEqualTo(found);
    }

    @Test
    void theRestOfAVersionIsSummedUpWithItsStrongestActionAndASpanOverAllOfIt() {
        List<Finding> found = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> found.add(at(i * 10, Finding.Action.REVIEW, false, "en")));
        found.add(at(400, Finding.Action.BLOCK, true, "en"));
        IntStream.range(0, 3).forEach(i -> found.add(at(i * 10, Finding.Action.ADVISORY, false, "fr")));

        List<Finding> kept = FindingLimit.apply(found);

        assertThat(kept).hasSize(FindingLimit.PER_VERSION + 1 + 3);
        assertThat(kept.subList(0, FindingLimit.PER_VERSION)).isEqualTo(found.subList(0, FindingLimit.PER_VERSION));
        Finding summary = kept.get(FindingLimit.PER_VERSION);
        assertThat(summary.action()).isEqualTo(Finding.Action.BLOCK);
        assertThat(summary.sensitive()).isTrue();
        assertThat(summary.start()).isEqualTo(200);
        assertThat(summary.end()).isEqualTo(405);
        assertThat(summary.message()).startsWith("11 more findings");
        assertThat(kept.subList(FindingLimit.PER_VERSION + 1, kept.size())).extracting(Finding::version).containsOnly("fr");
    }

    /** Text that a rule finds many times in, repeated to the length ingest accepts; what masking must remove of it. */
    record Unit(String text, String secret) {
    }

    static final List<Unit> UNITS = List.of(new Unit("x@gmail.com ", "@gmail"), new Unit("SIN 130 692 544 ", "692 544"),
            new Unit("Card 4111 1111 1111 1111; ", "1111 1111"), new Unit("password: hunter2xyz ", "hunter2xyz"),
            new Unit("damn ", null), new Unit("http://bit.ly/a ", null), new Unit("#hashtagnocase ", null),
            new Unit("Vote Liberal ", null), new Unit("SECRET ", null));

    @Test
    void aMaximumSizeDraftStaysSmallEnoughForKafkaAndItsDecisionAndMaskingDoNotChange() {
        PolicyEngine engine = TestEngines.engine("canada-federal");
        for (Unit unit : UNITS) {
            String text = unit.text().repeat(100_000 / unit.text().length());
            var draft = TestEngines.bilingual(text, text);
            Evaluation evaluation = engine.evaluate(draft);

            Map<String, Long> perRuleAndVersion = evaluation.findings().stream()
                    .collect(Collectors.groupingBy(f -> f.ruleId() + "/" + f.version(), Collectors.counting()));
            assertThat(perRuleAndVersion.values()).as(unit.text()).allMatch(n -> n <= FindingLimit.PER_VERSION + 1);
            assertThat(perRuleAndVersion.values()).as(unit.text()).contains((long) FindingLimit.PER_VERSION + 1);
            // What is found decides, not how often: the same as three of them, which no limit touches.
            String three = unit.text().repeat(3);
            assertThat(evaluation.decision()).as(unit.text())
                    .isEqualTo(engine.evaluate(TestEngines.bilingual(three, three)).decision());

            var masked = Redaction.maskSensitive(draft, Stream.concat(evaluation.findings().stream(),
                    evaluation.shadowFindings().stream()).toList());
            if (unit.secret() != null) {
                // Every occurrence is masked, the ones past the listed findings too.
                assertThat(masked.text()).as(unit.text()).doesNotContain(unit.secret());
                assertThat(masked.translations().get("fr")).as(unit.text()).doesNotContain(unit.secret());
            }
            var decided = new PostDecided("00000000-0000-0000-0000-000000000001", evaluation.decision(),
                    evaluation.riskScore(), evaluation.findings(), evaluation.shadowFindings(), evaluation.policy(),
                    Instant.now(), masked);
            int bytes = new EventCodec().encode(EventType.POST_DECIDED, decided).getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes).as(unit.text()).isLessThan(1024 * 1024);
        }
    }
}
