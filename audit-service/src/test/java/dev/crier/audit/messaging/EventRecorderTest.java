package dev.crier.audit.messaging;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PolicyRef;
import dev.crier.events.PolicyReloaded;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event of every topic lands once, in order, with gapless indexes; poison goes to its topic's DLQ. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class EventRecorderTest {

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka().bootstrapServers());

    @Inject
    AgroalDataSource db;

    @AfterEach
    void close() {
        injector.close();
    }

    static Event<DraftSubmitted> submitted(String postId) {
        var draft = new Draft("Hello", "en", null, List.of("sandbox"), null, new Draft.Author("u-1", null, null),
                null, null, null, null);
        return Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, "cms", Instant.now()));
    }

    @Test
    void aPostsEventsFormItsTimelineInOrderAndRepeatsAreDropped() throws Exception {
        String postId = UUID.randomUUID().toString();
        var submitted = submitted(postId);
        var decided = new PostDecided(postId, Decision.APPROVED, 0, List.of(), new PolicyRef("canada-federal", "1", "d".repeat(64)),
                Instant.now(), submitted.data().draft());
        var outcome = new PublishOutcome(postId, PublishOutcome.Status.PUBLISHED,
                List.of(new PublishOutcome.PlatformResult("sandbox", true, "s1", "http://s/1", null)), Instant.now());

        injector.send(submitted);
        injector.send(Event.of(EventType.POST_DECIDED, "/test", postId, "h", Instant.now(), decided));
        injector.send(Event.of(EventType.POST_PUBLISHED, "/test", postId, null, Instant.now(), outcome));
        injector.send(submitted);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(types(postId)).containsExactly("dev.crier.draft.submitted", "dev.crier.post.decided",
                        "dev.crier.post.published"));
        // The repeat was read after the others, so once they are in, it has been dropped, not delayed.
        injector.send(submitted(UUID.randomUUID().toString()));
        Thread.sleep(1000);
        assertThat(types(postId)).hasSize(3);
        given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/" + postId).then()
                .body("records[0].data.draft.text", org.hamcrest.Matchers.equalTo("Hello"))
                .body("records[0].eventId", org.hamcrest.Matchers.equalTo(submitted.id()));
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), max(idx) FROM audit_records")) {
            rs.next();
            assertThat(rs.getLong(2) + 1).as("indexes are gapless").isEqualTo(rs.getLong(1));
        }
    }

    @Test
    void poisonGoesToItsTopicsDeadLetterTopicAndRecordingGoesOn() {
        String poisonKey = UUID.randomUUID().toString();
        var headers = CloudEventHeaders.of(submitted(poisonKey)).remove(CloudEventHeaders.TYPE);
        injector.raw(Topics.POSTS_DECIDED, poisonKey, "{\"postId\": 1}", headers);
        String postId = UUID.randomUUID().toString();
        injector.send(submitted(postId));

        var dead = new TopicReader(CrierTestResource.infra().kafka().bootstrapServers())
                .readPost(Topics.deadLetter(Topics.POSTS_DECIDED), poisonKey, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("ce_type");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(types(postId)).hasSize(1));
    }

    @Test
    void aPolicyReloadIsRecordedUnderThePolicyId() {
        String policyId = "test-policy-" + UUID.randomUUID();
        var reload = new PolicyReloaded(policyId, "9", "e".repeat(64), "8", "f".repeat(64), "test", Instant.now());
        injector.send(Event.of(EventType.POLICY_RELOADED, "/test", policyId, reload.hash(), reload.reloadedAt(), reload));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection c = db.getConnection(); var ps = c.prepareStatement(
                    "SELECT count(*) FROM audit_records WHERE subject = ? AND post_id IS NULL AND ce_type = 'dev.crier.policy.reloaded'")) {
                ps.setString(1, policyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        });
    }

    private static List<String> types(String postId) {
        return given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/" + postId)
                .then().extract().jsonPath().getList("records.type", String.class);
    }
}
