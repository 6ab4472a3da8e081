package dev.crier.stack;

import dev.crier.stack.TraceCollector.CollectedSpan;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.crier.stack.EndToEndTest.as;
import static dev.crier.stack.EndToEndTest.awaitStatus;
import static dev.crier.stack.EndToEndTest.draft;
import static dev.crier.stack.EndToEndTest.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

/**
 * One draft, one trace: the W3C trace context a client sends with its POST goes through every Kafka hop (and the
 * outbox and the publish ledger, where the work waits) to the platform call and to the audit append of each of the
 * draft's events, in four services, exported over OTLP to the tests' collector. The services' log lines carry the
 * trace id.
 */
class TracingEndToEndTest {

    static final SecureRandom RANDOM = new SecureRandom();
    /** drafts.submitted, posts.decided, posts.approved, posts.published. */
    static final int EVENTS = 4;
    static LocalStack stack;
    static TraceCollector collector;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        EndToEndTest.stack = stack;
        ReviewEndToEndTest.stack = stack;
        collector = SharedStack.traces();
    }

    @Test
    void aPublishedDraftIsOneTraceFromThePostToThePlatformCallAndTheAuditAppends() {
        String traceId = hex(16);
        String clientSpan = hex(8);
        collector.watch(traceId);

        String id = given(traceId, clientSpan)
                .body(draft("Flu clinics open Monday across the region.",
                        "Les cliniques de vaccination ouvrent lundi dans toute la région."))
                .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().path("id");
        awaitStatus(id, "PUBLISHED");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<CollectedSpan> spans = collector.trace(traceId);
            assertThat(spans).as(collector.received()).extracting(CollectedSpan::service).contains("ingest-service", "policy-service",
                    "publish-service", "audit-service");
            assertThat(spans).filteredOn(s -> s.service().equals("ingest-service"))
                    .extracting(CollectedSpan::name).contains("POST /v1/drafts");
            assertThat(spans).filteredOn(s -> s.service().equals("policy-service"))
                    .extracting(CollectedSpan::name).contains("apply dev.crier.draft.submitted");
            assertThat(spans).filteredOn(s -> s.service().equals("publish-service"))
                    .extracting(CollectedSpan::name).contains("apply dev.crier.post.approved", "publish sandbox");
            assertThat(spans).filteredOn(s -> s.name().equals("audit append"))
                    .allSatisfy(s -> assertThat(s.attributes()).containsEntry("crier.post_id", id))
                    .extracting(s -> s.attributes().get("crier.event_id")).doesNotHaveDuplicates()
                    .as("one append per event of the draft").hasSize(EVENTS);
        });

        // One tree: every span hangs from the client's span, through spans of the same trace.
        List<CollectedSpan> spans = collector.trace(traceId);
        Set<String> ids = spans.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
        assertThat(spans).allSatisfy(span -> assertThat(span.parentSpanId()).as(span.service() + " " + span.name())
                .isIn(union(ids, clientSpan)));
        assertThat(spans).filteredOn(s -> s.parentSpanId().equals(clientSpan)).extracting(CollectedSpan::name)
                .containsExactly("POST /v1/drafts");
    }

    @Test
    void aReviewedDraftStaysInItsTraceAndTheReviewLinksToTheReviewersRequest() {
        String draftTrace = hex(16);
        String reviewTrace = hex(16);
        collector.watch(draftTrace);
        collector.watch(reviewTrace);
        String id = given(draftTrace, hex(8)).body(ReviewEndToEndTest.draftForReview(
                        "Questions? Write to pat.martin@gmail.com before Friday.",
                        "Des questions? Écrivez à pat.martin@gmail.com avant vendredi."))
                .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().path("id");
        ReviewEndToEndTest.awaitQueued(id);

        ReviewEndToEndTest.decide(ReviewEndToEndTest.person("u-e2e-trace-reviewer", "reviewer"), id,
                        "{\"decision\": \"APPROVE\", \"reason\": \"The program's public inbox\"}",
                        "00-" + reviewTrace + "-" + hex(8) + "-01")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        awaitStatus(id, "PUBLISHED");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<CollectedSpan> draft = collector.trace(draftTrace);
            assertThat(draft).as(collector.received()).extracting(CollectedSpan::name)
                    .contains("apply dev.crier.draft.submitted", "review APPROVE", "publish sandbox");
            CollectedSpan request = collector.trace(reviewTrace).stream()
                    .filter(s -> s.name().startsWith("POST /v1/reviews/")).findFirst().orElseThrow();
            assertThat(request.service()).isEqualTo("policy-service");
            CollectedSpan review = draft.stream().filter(s -> s.name().equals("review APPROVE")).findFirst().orElseThrow();
            assertThat(review.links()).containsExactly(reviewTrace + ":" + request.spanId());
        });
    }

    @Test
    void aRecordThatIsNotAnEventIsLoggedWithTheTraceIdOfItsSender() {
        String traceId = hex(16);
        var headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + traceId + "-" + hex(8) + "-01").getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", EventType.DRAFT_SUBMITTED.ceType().getBytes(StandardCharsets.UTF_8));
        try (var ingest = new EventInjector(stack.infra().kafka(), KafkaAccess.INGEST)) {
            ingest.raw(Topics.DRAFTS_SUBMITTED, UUID.randomUUID().toString(), "{not json", headers);
        }

        Path log = SharedStack.data().resolve("logs/policy-service.log");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Files.readAllLines(log)).anySatisfy(line -> assertThat(line)
                        .contains("traceId=" + traceId).contains("dead-lettering an invalid record")));
    }

    static RequestSpecification given(String traceId, String parentSpan) {
        return as("submitter").contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01");
    }

    static Set<String> union(Set<String> ids, String one) {
        return Stream.concat(ids.stream(), Stream.of(one)).collect(Collectors.toSet());
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
