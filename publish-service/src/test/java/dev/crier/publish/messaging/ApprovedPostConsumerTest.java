package dev.crier.publish.messaging;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Approved posts are published through the real sandbox, once, and their outcome lands on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class ApprovedPostConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final KafkaBroker kafka = CrierTestResource.infra().kafka();
    final EventInjector injector = new EventInjector(kafka);
    final TopicReader topics = new TopicReader(kafka);
    final EventCodec codec = new EventCodec();

    @Inject
    AgroalDataSource db;

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void approvedPostIsPublishedOnceAndARedeliveryCallsNoPlatformAgain() throws SQLException {
        var approval = approved("sandbox", "x");
        String id = approval.postId();
        injector.send(approval);

        var first = topics.readPost(Topics.POSTS_PUBLISHED, id, 1, WAIT);
        assertThat(first).hasSize(1);
        assertThat(header(first.get(0), CloudEventHeaders.TYPE)).isEqualTo("dev.crier.post.published");
        assertThat(header(first.get(0), CloudEventHeaders.SOURCE)).isEqualTo("/crier/publish-service");
        PublishOutcome outcome = codec.decode(EventType.POST_PUBLISHED, first.get(0).value());
        assertThat(outcome.status()).isEqualTo(PublishOutcome.Status.PARTIALLY_PUBLISHED);
        var sandbox = outcome.results().get(0);
        assertThat(sandbox.platform()).isEqualTo("sandbox");
        assertThat(sandbox.account()).isEqualTo("hc-sandbox");
        assertThat(sandbox.published()).isTrue();
        assertThat(sandbox.url()).contains("/sandbox/api/statuses/" + sandbox.platformPostId());
        assertThat(outcome.results().get(1)).isEqualTo(new PublishOutcome.PlatformResult("x", null,
                PublishOutcome.State.FAILED, null, null, "no official x account is registered for department HC"));
        assertThat(sandboxPostsOf(id)).hasSize(1);
        assertThat(sandboxPostsOf(id).get(0)).extracting("text")
                .isEqualTo("Flu clinics open Monday.\n\nLes cliniques ouvrent lundi.");
        Instant sandboxAnsweredAt = ledgerUpdatedAt(id, "sandbox");

        injector.send(approval);
        // The same approval again, as a fresh event (another id): the ledger still knows the post.
        injector.send(Event.of(EventType.POST_APPROVED, "/test", id, "again", Instant.now(), approval.data()));
        var later = approved("sandbox");
        injector.send(later);
        assertThat(outcomeOf(later.postId()).status()).isEqualTo(PublishOutcome.Status.PUBLISHED);

        assertThat(sandboxPostsOf(id)).hasSize(1);
        // The ledger entry was not touched again: the sandbox was not called a second time.
        assertThat(ledgerUpdatedAt(id, "sandbox")).isEqualTo(sandboxAnsweredAt);
        assertThat(topics.readPost(Topics.POSTS_PUBLISHED, id, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void eachPlatformsResultAndTheEntriesStillOpenAreMetrics() {
        var approval = approved("sandbox", "x");
        injector.send(approval);
        outcomeOf(approval.postId());
        injector.send(approved(Instant.now().plus(Duration.ofDays(2)), "sandbox"));

        // The ledger's gauges are read every crier.metrics.refresh (1 s in tests).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(
                given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("crier_publish_outcomes_total\\{account=\"hc-sandbox\",platform=\"sandbox\",state=\"PUBLISHED\"[^}]*} [1-9]")
                .containsPattern("crier_publish_outcomes_total\\{account=\"none\",platform=\"x\",state=\"FAILED\"[^}]*} [1-9]")
                .containsPattern("crier_publish_ledger_entries\\{platform=\"sandbox\",state=\"QUEUED\"[^}]*} [1-9]")
                // The sandbox accounts' expires-at is 2030-01-01 in tests (application.properties, %test): years ahead.
                .containsPattern("crier_publish_credentials_expiry_days\\{account=\"sandbox:hc-sandbox\",platform=\"sandbox\"[^}]*} [1-9][0-9]{2,}"));
    }

    @Test
    void aSandboxOnlyPostIsPublished() {
        var approval = approved("sandbox");
        injector.send(approval);

        assertThat(outcomeOf(approval.postId()).status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
        assertThat(sandboxPostsOf(approval.postId())).hasSize(1);
    }

    @Test
    void aScheduledPostIsHeldAndPublishedWithinASecondOfItsTime() {
        Instant publishAt = Instant.now().plusSeconds(4);
        var approval = approved(publishAt, "sandbox");
        injector.send(approval);

        assertThat(outcomeOf(approval.postId()).status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
        var posts = sandboxPostsOf(approval.postId());
        assertThat(posts).hasSize(1);
        Instant postedAt = Instant.parse((String) posts.get(0).get("createdAt"));
        assertThat(Duration.between(publishAt, postedAt)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void poisonIsDeadLetteredWithTheReasonAndTheNextPostIsStillPublished() {
        String garbageKey = UUID.randomUUID().toString();
        injector.raw(Topics.POSTS_APPROVED, garbageKey, "not an event", new RecordHeaders());
        var invalid = approved("sandbox");
        injector.raw(Topics.POSTS_APPROVED, invalid.postId(), "{\"postId\": 42}", CloudEventHeaders.of(invalid));
        var good = approved("sandbox");
        injector.send(good);

        var dlq = Topics.deadLetter(Topics.POSTS_APPROVED);
        var garbage = topics.readPost(dlq, garbageKey, 1, WAIT);
        assertThat(garbage).hasSize(1);
        assertThat(header(garbage.get(0), "dead-letter-reason")).contains("ce_specversion");
        var wrongPayload = topics.readPost(dlq, invalid.postId(), 1, WAIT);
        assertThat(wrongPayload).hasSize(1);
        assertThat(header(wrongPayload.get(0), "dead-letter-reason")).contains("schema");

        assertThat(outcomeOf(good.postId()).status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
        assertThat(sandboxPostsOf(invalid.postId())).isEmpty();
    }

    private PublishOutcome outcomeOf(String postId) {
        var records = topics.readPost(Topics.POSTS_PUBLISHED, postId, 1, WAIT);
        assertThat(records).as("outcome of " + postId).hasSize(1);
        return codec.decode(EventType.POST_PUBLISHED, records.get(0).value());
    }

    private Instant ledgerUpdatedAt(String postId, String platform) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT updated_at FROM publish_ledger WHERE post_id = ? AND platform = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            ps.setString(2, platform);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static List<Map<String, Object>> sandboxPostsOf(String postId) {
        return given().auth().oauth2(CrierTestResource.token("auditor")).queryParam("postId", postId)
                .get("/v1/sandbox/posts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    static Event<PostDecided> approved(String... platforms) {
        return approved(null, platforms);
    }

    static Event<PostDecided> approved(Instant publishAt, String... platforms) {
        String id = UUID.randomUUID().toString();
        var draft = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of(platforms), List.of(), new Draft.Author("u-1", "Pat", "HC"), null, publishAt, null, null);
        String policyHash = "c".repeat(64);
        var data = CrierTestResource.infra().decisionKeys().sign(new PostDecided(id, Decision.APPROVED, 0, List.of(),
                new PolicyRef("canada-federal", "1", policyHash), Instant.now(), draft));
        return Event.of(EventType.POST_APPROVED, "/test", id, policyHash, Instant.now(), data);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
