package dev.crier.stack;

import dev.crier.events.Topics;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services as separate processes on a real broker and database, exactly as deploy/local/start runs
 * them: drafts go all the way through, nothing is dropped, duplicated or misrouted, and an outage loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    @Order(1)
    void cleanDraftIsPublishedOnceOnTheSandboxAndAudited() {
        String id = submit(draft("Flu clinics open Monday across the region.",
                "Les cliniques de vaccination ouvrent lundi dans toute la région."));

        awaitStatus(id, "PUBLISHED");
        assertThat(sandboxPostsOf(id)).as("posts on the sandbox").hasSize(1);
        awaitTimeline(id, "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.approved",
                "dev.crier.post.published");
        given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                .body("decision.decision", org.hamcrest.Matchers.equalTo("APPROVED"))
                .body("publishResults[0].platform", org.hamcrest.Matchers.equalTo("sandbox"));
    }

    @Test
    @Order(2)
    void sinBearingDraftIsRejectedNeverPublishedAndAudited() {
        String id = submit(draft("Please update my file, SIN 130 692 544.",
                "Veuillez mettre à jour mon dossier, NAS 130 692 544."));

        awaitStatus(id, "REJECTED");
        awaitTimeline(id, "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.rejected");
        given(as("auditor")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                .body("decision.reasons[0].ruleId", org.hamcrest.Matchers.equalTo("privacy.sin"));
        assertThat(sandboxPostsOf(id)).isEmpty();
    }

    @Test
    @Order(3)
    void poisonRecordGoesToItsDeadLetterTopicAndTheNextDraftStillFlows() {
        String poisonKey = UUID.randomUUID().toString();
        try (var injector = new EventInjector(kafka())) {
            injector.raw(Topics.DRAFTS_SUBMITTED, poisonKey, "\u0000 not an event", new RecordHeaders());
        }
        String id = submit(draft("Road closures this weekend.", "Fermetures de routes ce week-end."));

        var dead = new TopicReader(kafka()).readPost(Topics.deadLetter(Topics.DRAFTS_SUBMITTED), poisonKey, 2, FLOW);
        assertThat(dead).as("one dead letter per consumer group of drafts.submitted (policy, audit)").hasSize(2);
        awaitStatus(id, "PUBLISHED");
        assertThat(sandboxPostsOf(id)).hasSize(1);
    }

    @Test
    @Order(4)
    void acceptedDraftSurvivesABrokerOutageAndAnIngestRestart() {
        // Hold the pipeline so the draft is only on Kafka when the outage starts.
        stack.service("policy").stop();
        String id = submit(draft("Service Canada offices close early on Friday.",
                "Les bureaux de Service Canada ferment tôt vendredi."));

        stack.infra().kafka().stop();
        stack.service("ingest").stop();
        stack.service("ingest").start();
        // Without the broker ingest refuses new drafts rather than accept what it cannot keep.
        await().atMost(FLOW).ignoreExceptions().untilAsserted(() -> given(as("submitter")).contentType(ContentType.JSON)
                .body(draft("During the outage", "Pendant la panne")).post(url("ingest") + "/v1/drafts")
                .then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue()));

        stack.infra().kafka().start();
        stack.service("policy").start();
        stack.service("ingest").awaitReady(FLOW);
        stack.service("policy").awaitReady(FLOW);

        awaitStatus(id, "PUBLISHED");
        assertThat(sandboxPostsOf(id)).hasSize(1);
        awaitTimeline(id, "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.approved",
                "dev.crier.post.published");
    }

    // --- helpers

    /** A draft in both official languages, as the default canada-federal policy requires. */
    static String draft(String english, String french) {
        return """
                {"text": "%s", "translations": {"fr": "%s"}, "platforms": ["sandbox"],
                 "author": {"id": "u-e2e", "department": "ESDC"}}""".formatted(english, french);
    }

    static String submit(String body) {
        return given(as("submitter")).contentType(ContentType.JSON).body(body).post(url("ingest") + "/v1/drafts")
                .then().statusCode(202).extract().path("id");
    }

    static void awaitStatus(String id, String status) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                        .extract().<String>path("status")).isEqualTo(status));
    }

    /**
     * Each event once. Events on different topics (posts.decided and posts.rejected, sent together) may reach the
     * ledger in either order, so only their set is checked.
     */
    static void awaitTimeline(String id, String... types) {
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(id)).containsExactlyInAnyOrder(types));
    }

    static List<Object> sandboxPostsOf(String id) {
        return given(as("ops")).queryParam("postId", id).get(url("publish") + "/v1/sandbox/posts")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static List<String> timeline(String id) {
        return given(as("auditor")).get(url("audit") + "/v1/audit/posts/" + id)
                .then().extract().jsonPath().getList("records.type", String.class);
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(stack.infra().tokens().issue(role));
    }

    static String url(String service) {
        return stack.service(service).url();
    }

    static KafkaBroker kafka() {
        return stack.infra().kafka();
    }
}
