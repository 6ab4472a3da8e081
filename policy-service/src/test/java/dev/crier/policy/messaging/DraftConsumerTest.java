package dev.crier.policy.messaging;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.events.signing.TrustedKeys;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import dev.crier.policy.domain.FindingLimit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * policy-service on the real broker: every draft gets one decision and one route, only an approved draft travels
 * unmasked, and poison goes to the DLQ.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class DraftConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final KafkaBroker kafka = CrierTestResource.infra().kafka();
    final EventInjector injector = new EventInjector(kafka);
    final TopicReader topics = new TopicReader(kafka);
    final EventCodec codec = new EventCodec();

    @AfterEach
    void close() {
        injector.close();
    }

    static Event<DraftSubmitted> submitted(String postId, String text, List<Draft.Media> media) {
        var draft = new Draft(text, "en", Map.of("fr", "Bonjour"), List.of("sandbox"), media,
                new Draft.Author("u-1", "Pat", "HC"), null, null, null, null);
        return Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, "cms", null, Instant.now()));
    }

    @Test
    void cleanDraftIsDecidedAndRoutedToApproved() {
        String postId = UUID.randomUUID().toString();
        injector.send(submitted(postId, "Flu clinics open Monday.", List.of()));

        PostDecided decided = only(Topics.POSTS_DECIDED, postId, EventType.POST_DECIDED);
        assertThat(decided.decision()).isEqualTo(Decision.APPROVED);
        assertThat(decided.policy().id()).isEqualTo("canada-federal");
        PostDecided approved = only(Topics.POSTS_APPROVED, postId, EventType.POST_APPROVED);
        assertThat(approved.draft().text()).isEqualTo("Flu clinics open Monday.");
        // Signed by the local key over what it says: publish and audit can check it.
        var trusted = TrustedKeys.load(CrierTestResource.infra().decisionKeys().trustedKeysDir());
        assertThat(approved.signature()).isEqualTo(decided.signature()).isNotNull();
        assertThat(trusted.verify(approved).verified()).isTrue();
        assertThat(topics.readPost(Topics.POSTS_REJECTED, postId, 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(topics.readPost(Topics.POSTS_REVIEW, postId, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void sinBearingDraftIsRejectedAndTheSinGoesNoFurther() {
        String postId = UUID.randomUUID().toString();
        injector.send(submitted(postId, "Call me, my SIN is 130 692 544", List.of()));

        var records = topics.readPost(Topics.POSTS_REJECTED, postId, 1, WAIT);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).doesNotContain("130 692 544").doesNotContain("130692544");
        PostDecided rejected = codec.decode(EventType.POST_REJECTED, records.get(0).value());
        assertThat(rejected.findings()).extracting(f -> f.ruleId()).containsExactly("privacy.sin");
        assertThat(rejected.findings().get(0).excerpt()).isEqualTo("*** *** 544");
        // The masked draft is what is signed.
        assertThat(TrustedKeys.load(CrierTestResource.infra().decisionKeys().trustedKeysDir()).verify(rejected).verified()).isTrue();
        assertThat(topics.readPost(Topics.POSTS_DECIDED, postId, 1, WAIT).get(0).value()).doesNotContain("130 692 544");
        assertThat(topics.readPost(Topics.POSTS_APPROVED, postId, 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aDraftSentToReviewTravelsMaskedWhileTheReviewerJudgesAndApprovesItAsWritten() {
        String postId = UUID.randomUUID().toString();
        var draft = new Draft("Questions? Write pat@gmail.com today.", "en", Map.of("fr", "Des questions? Écrivez à pat@gmail.com."),
                List.of("sandbox"), List.of(), new Draft.Author("u-1", "Pat", "HC"), null, null, null, null);
        injector.send(Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, "cms", null, Instant.now())));

        var review = topics.readPost(Topics.POSTS_REVIEW, postId, 1, WAIT);
        assertThat(review).hasSize(1);
        assertThat(review.get(0).value()).doesNotContain("pat@gmail.com");
        PostDecided routed = codec.decode(EventType.POST_REVIEW, review.get(0).value());
        assertThat(routed.findings()).extracting(f -> f.ruleId()).contains("privacy.email");
        assertThat(routed.draft().text()).startsWith("Questions? Write ").hasSameSizeAs(draft.text());
        assertThat(TrustedKeys.load(CrierTestResource.infra().decisionKeys().trustedKeysDir()).verify(routed).verified()).isTrue();
        assertThat(topics.readPost(Topics.POSTS_DECIDED, postId, 1, WAIT).get(0).value()).doesNotContain("pat@gmail.com");

        // The reviewer sees the draft as written, and an approval publishes it as written.
        await().atMost(WAIT).untilAsserted(() -> reviewer().get("/v1/reviews/" + postId).then().statusCode(200)
                .body("draft.text", equalTo(draft.text())).body("draft.translations.fr", equalTo(draft.translations().get("fr"))));
        reviewer().contentType(ContentType.JSON).body("{\"decision\": \"APPROVE\", \"reason\": \"The program's own address\"}")
                .post("/v1/reviews/" + postId + "/decision").then().statusCode(200).body("status", equalTo("APPROVED"));
        PostDecided approved = only(Topics.POSTS_APPROVED, postId, EventType.POST_APPROVED);
        assertThat(approved.draft().text()).isEqualTo(draft.text());
        assertThat(TrustedKeys.load(CrierTestResource.infra().decisionKeys().trustedKeysDir()).verify(approved).verified()).isTrue();
    }

    private static RequestSpecification reviewer() {
        return given().auth().oauth2(CrierTestResource.infra().tokens().issue("u-alex", Set.of("reviewer"), Duration.ofHours(1)));
    }

    @Test
    void decisionsFindingsEvaluationTimeAndTheReviewQueueAreMetrics() {
        String rejected = UUID.randomUUID().toString();
        String reviewed = UUID.randomUUID().toString();
        injector.send(submitted(rejected, "Call me, my SIN is 130 692 544", List.of()));
        injector.send(submitted(reviewed, "Questions? Write pat@gmail.com today.", List.of()));
        only(Topics.POSTS_REJECTED, rejected, EventType.POST_REJECTED);
        only(Topics.POSTS_REVIEW, reviewed, EventType.POST_REVIEW);

        // The queue's gauges are read from its table every crier.metrics.refresh (1 s in tests).
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(given().get("/q/metrics").then()
                .statusCode(200).extract().asString())
                .containsPattern("crier_policy_decisions_total\\{decision=\"REJECTED\"[^}]*} [1-9]")
                .containsPattern("crier_policy_decisions_total\\{decision=\"NEEDS_REVIEW\"[^}]*} [1-9]")
                .containsPattern("crier_policy_findings_total\\{action=\"BLOCK\",[^}]*rule=\"privacy.sin\"[^}]*} [1-9]")
                .containsPattern("crier_policy_evaluation_seconds_count[^ ]* [1-9]")
                .containsPattern("crier_policy_evaluation_seconds_bucket\\{[^}]*le=\"0.05\"")
                .containsPattern("crier_review_queue_depth\\{category=\"none\"[^}]*} [1-9]")
                .containsPattern("crier_review_oldest_age_seconds\\{category=\"none\"[^}]*} "));
    }

    @Test
    void imageWithoutAltTextIsRejected() {
        String postId = UUID.randomUUID().toString();
        injector.send(submitted(postId, "See the map", List.of(new Draft.Media("https://canada.ca/map.png", "", "image/png"))));
        assertThat(only(Topics.POSTS_REJECTED, postId, EventType.POST_REJECTED).findings())
                .extracting(f -> f.ruleId()).containsExactly("accessibility.alt-text");
    }

    @Test
    void theLargestDraftFullOfFindingsIsDecidedAndTheNextDraftStillFlows() {
        // 100,000 code points a version, each unit a finding of three rules: 20,000 findings listed one by one made a
        // decision Kafka refused, and every decision after it stayed in the outbox.
        String unit = "damn x@gmail.com 🙂🙂 ";
        String text = unit.repeat(100_000 / unit.codePointCount(0, unit.length()));
        String postId = UUID.randomUUID().toString();
        var draft = new Draft(text, "en", Map.of("fr", text), List.of("sandbox"), List.of(), new Draft.Author("u-1", "Pat", "HC"),
                null, null, null, null);
        injector.send(Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, "cms", null, Instant.now())));
        String next = UUID.randomUUID().toString();
        injector.send(submitted(next, "Flu clinics open Monday.", List.of()));

        PostDecided decided = only(Topics.POSTS_DECIDED, postId, EventType.POST_DECIDED);
        assertThat(decided.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(decided.findings()).hasSizeLessThan(6 * (FindingLimit.PER_VERSION + 1));
        assertThat(decided.draft().text()).doesNotContain("@gmail").hasSameSizeAs(text);
        assertThat(only(Topics.POSTS_DECIDED, next, EventType.POST_DECIDED).decision()).isEqualTo(Decision.APPROVED);
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextDraftStillFlows() {
        String poisonKey = UUID.randomUUID().toString();
        injector.raw(Topics.DRAFTS_SUBMITTED, poisonKey, "{this is not json", new RecordHeaders());
        String postId = UUID.randomUUID().toString();
        injector.send(submitted(postId, "After the poison", List.of()));

        var dead = topics.readPost(Topics.deadLetter(Topics.DRAFTS_SUBMITTED), poisonKey, 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("missing ce_specversion");
        assertThat(only(Topics.POSTS_DECIDED, postId, EventType.POST_DECIDED).decision()).isEqualTo(Decision.APPROVED);
    }

    private PostDecided only(String topic, String postId, EventType<PostDecided> type) {
        var records = topics.readPost(topic, postId, 1, WAIT);
        assertThat(records).as("%s for %s", topic, postId).hasSize(1);
        assertThat(header(records.get(0), CloudEventHeaders.TYPE)).isEqualTo(type.ceType());
        return codec.decode(type, records.get(0).value());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
