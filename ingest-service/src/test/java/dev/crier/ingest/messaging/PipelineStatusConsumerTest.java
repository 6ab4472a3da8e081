package dev.crier.ingest.messaging;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PostRetracted;
import dev.crier.events.PublishOutcome;
import dev.crier.events.Review;
import dev.crier.events.ReviewOutcome;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** ingest follows each draft through the pipeline's events; statuses only move forward, repeats change nothing. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class PipelineStatusConsumerTest {

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void decisionsAndOutcomesBecomeTheStatusAndOnlyMoveForward() {
        String id = submit();
        var review = decided(id, Decision.NEEDS_REVIEW, "a".repeat(64));
        injector.send(review);
        awaitStatus(id, "NEEDS_REVIEW");
        given().auth().oauth2(CrierTestResource.token("submitter")).get("/v1/drafts/" + id).then()
                .body("decision.reasons[0].ruleId", equalTo("privacy.phone"))
                .body("decision.reasons[0].excerpt", equalTo("***-***-199"));

        injector.send(outcome(id, PublishOutcome.Status.PARTIALLY_PUBLISHED));
        awaitStatus(id, "PARTIALLY_PUBLISHED");
        given().auth().oauth2(CrierTestResource.token("submitter")).get("/v1/drafts/" + id).then()
                .body("publishResults.platform", equalTo(List.of("sandbox", "x")))
                .body("publishResults[1].error", equalTo("account suspended"));

        // A late decision (another policy version) and a repeated one do not take the draft back.
        injector.send(decided(id, Decision.APPROVED, "b".repeat(64)));
        injector.send(review);
        String later = submit();
        injector.send(decided(later, Decision.REJECTED, "c".repeat(64)));
        awaitStatus(later, "REJECTED");
        assertThat(status(id)).isEqualTo("PARTIALLY_PUBLISHED");
    }

    @Test
    void reviewStepsAndARetractionAreShownWithWhoWhenAndWhy() {
        String id = submit();
        var decided = decided(id, Decision.NEEDS_REVIEW, "d".repeat(64));
        injector.send(decided);
        awaitStatus(id, "NEEDS_REVIEW");
        injector.send(reviewOutcome(id, ReviewOutcome.Outcome.ESCALATED, "system", "Waiting over 4 hours"));
        // An automatic repeat on posts.approved (no person) is not a review step.
        injector.send(Event.of(EventType.POST_APPROVED, "/test", id, "auto", Instant.now(), decided.data()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view(id).getList("review.outcome"))
                .containsExactly("ESCALATED"));
        assertThat(status(id)).isEqualTo("NEEDS_REVIEW");

        var review = new Review("u-9", "comms-head", "Checked the number with the program", Instant.now(), List.of("u-9"));
        injector.send(Event.of(EventType.POST_APPROVED, "/test", id, "review", Instant.now(),
                decided.data().reviewed(Decision.APPROVED, review, Instant.now(), decided.data().draft())));
        awaitStatus(id, "APPROVED");
        var view = view(id);
        assertThat(view.getList("review.outcome")).containsExactly("ESCALATED", "APPROVED");
        assertThat(view.getString("review[1].by")).isEqualTo("u-9");
        assertThat(view.getString("review[1].reason")).isEqualTo("Checked the number with the program");
        assertThat(view.getString("decision.decision")).as("the policy's own decision stays shown").isEqualTo("NEEDS_REVIEW");

        injector.send(outcome(id, PublishOutcome.Status.PUBLISHED));
        awaitStatus(id, "PUBLISHED");
        injector.send(Event.of(EventType.POST_RETRACTED, "/test", id, null, Instant.now(), new PostRetracted(id, "u-9",
                "Wrong clinic hours", List.of(new PostRetracted.Retraction("sandbox", "@hc", "s-1", true, null)),
                Instant.now())));
        awaitStatus(id, "RETRACTED");
        assertThat(view(id).getString("retraction.reason")).isEqualTo("Wrong clinic hours");
    }

    @Test
    void aDraftThatExpiredInReviewCanStillBeApprovedWithANewTime() {
        String id = submit();
        var decided = decided(id, Decision.NEEDS_REVIEW, "e".repeat(64));
        injector.send(decided);
        injector.send(reviewOutcome(id, ReviewOutcome.Outcome.EXPIRED, "system", "publishAt passed while in review"));
        awaitStatus(id, "EXPIRED");
        var review = new Review("u-9", "comms-head", "New time agreed", Instant.now(), List.of("u-9"));
        injector.send(Event.of(EventType.POST_APPROVED, "/test", id, "review", Instant.now(),
                decided.data().reviewed(Decision.APPROVED, review, Instant.now(), decided.data().draft())));
        awaitStatus(id, "APPROVED");
        assertThat(view(id).getList("review.outcome")).containsExactly("EXPIRED", "APPROVED");
    }

    @Test
    void poisonOnAFollowedTopicIsDeadLetteredToThatTopicsDlq() {
        String key = java.util.UUID.randomUUID().toString();
        injector.raw(Topics.POSTS_PUBLISHED, key, "{}", new RecordHeaders());
        var dead = new TopicReader(CrierTestResource.infra().kafka())
                .readPost(Topics.deadLetter(Topics.POSTS_PUBLISHED), key, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        String id = submit();
        injector.send(outcome(id, PublishOutcome.Status.PUBLISHED));
        awaitStatus(id, "PUBLISHED");
    }

    static Event<PostDecided> decided(String id, Decision decision, String policyHash) {
        var draft = new Draft("Call 613-555-0199", "en", Map.of(), List.of("sandbox", "x"), List.of(),
                new Draft.Author("u-1", null, null), null, null, null, null);
        var finding = new Finding("privacy.phone", Finding.Action.REVIEW, true, "A phone number", "Un numéro", "en",
                5, 17, "***-***-199", "Use the official number");
        var data = new PostDecided(id, decision, 25, List.of(finding), new PolicyRef("canada-federal", "1", policyHash),
                Instant.now(), draft);
        return Event.of(EventType.POST_DECIDED, "/test", id, policyHash, Instant.now(), data);
    }

    static Event<PublishOutcome> outcome(String id, PublishOutcome.Status status) {
        var results = status == PublishOutcome.Status.PUBLISHED
                ? List.of(new PublishOutcome.PlatformResult("sandbox", null, PublishOutcome.State.PUBLISHED, "s-1", "http://sandbox/s-1", null))
                : List.of(new PublishOutcome.PlatformResult("sandbox", null, PublishOutcome.State.PUBLISHED, "s-1", "http://sandbox/s-1", null),
                new PublishOutcome.PlatformResult("x", null, PublishOutcome.State.FAILED, null, null, "account suspended"));
        return Event.of(EventType.outcomeOf(status), "/test", id, null, Instant.now(),
                new PublishOutcome(id, status, results, Instant.now()));
    }

    static Event<ReviewOutcome> reviewOutcome(String id, ReviewOutcome.Outcome outcome, String actor, String reason) {
        return Event.of(EventType.outcomeOf(outcome), "/test", id, null, Instant.now(),
                new ReviewOutcome(id, outcome, actor, reason, Instant.now()));
    }

    static JsonPath view(String id) {
        return given().auth().oauth2(CrierTestResource.token("submitter")).get("/v1/drafts/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static String submit() {
        return given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON)
                .body("{\"text\": \"hello\", \"platforms\": [\"sandbox\", \"x\"], \"author\": {\"id\": \"u-1\", \"department\": \"HC\"}}")
                .post("/v1/drafts").then().statusCode(202).extract().path("id");
    }

    static String status(String id) {
        return given().auth().oauth2(CrierTestResource.token("submitter")).get("/v1/drafts/" + id)
                .then().statusCode(200).extract().path("status");
    }

    static void awaitStatus(String id, String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo(expected));
    }
}
