package dev.crier.audit.messaging;

import dev.crier.audit.TestEvents;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PolicyReloaded;
import dev.crier.events.Topics;
import dev.crier.events.Event;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every event of every topic lands once, in order, with gapless indexes; poison goes to its topic's DLQ. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class EventRecorderTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaBroker KAFKA = CrierTestResource.infra().kafka();

    final EventInjector injector = new EventInjector(KAFKA);

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "mp.messaging.incoming.pipeline.topics")
    List<String> consumedTopics;

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void theOneChannelConsumesEveryPipelineTopic() {
        assertThat(consumedTopics).containsExactlyInAnyOrderElementsOf(Topics.pipeline());
    }

    @Test
    void aPostsEventsFormItsTimelineInOrderAndARepeatIsDropped() throws SQLException {
        String postId = UUID.randomUUID().toString();
        var submitted = TestEvents.submitted(postId);
        // Events on different topics may be read in either order; waiting for each makes the order the test's.
        injector.send(submitted);
        awaitTypes(postId, "dev.crier.draft.submitted");
        injector.send(TestEvents.decided(postId, "d".repeat(64)));
        awaitTypes(postId, "dev.crier.draft.submitted", "dev.crier.post.decided");
        injector.send(TestEvents.published(postId));
        awaitTypes(postId, "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.published");

        injector.send(submitted);
        awaitConsumed(Topics.DRAFTS_SUBMITTED);

        JsonPath timeline = timeline(postId);
        assertThat(timeline.getList("records.type", String.class)).containsExactly("dev.crier.draft.submitted",
                "dev.crier.post.decided", "dev.crier.post.published");
        assertThat(timeline.getList("records.eventId", String.class).get(0)).isEqualTo(submitted.id());
        assertThat(timeline.getList("records.index", Long.class)).isSorted().doesNotHaveDuplicates();
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), min(idx), max(idx) FROM audit_records")) {
            rs.next();
            assertThat(rs.getLong(2)).as("the first index").isZero();
            assertThat(rs.getLong(3) + 1).as("indexes are gapless").isEqualTo(rs.getLong(1));
        }
    }

    @Test
    void theLedgerKeepsTheRecordsValueByteForByte() throws SQLException {
        String postId = UUID.randomUUID().toString();
        var submitted = TestEvents.submitted(postId, "Café ☕ — été");
        // Valid, but not as the codec would write it: a re-encoded copy would differ.
        String value = "  " + new EventCodec().encode(submitted.type(), submitted.data()).replace(",", " ,\n") + "\n";
        injector.raw(Topics.DRAFTS_SUBMITTED, postId, value, CloudEventHeaders.of(submitted));
        awaitTypes(postId, "dev.crier.draft.submitted");

        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload FROM audit_records WHERE event_id = ?")) {
            ps.setString(1, submitted.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBytes(1)).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void poisonGoesToItsTopicsDeadLetterTopicAndTheNextEventIsRecorded() {
        String postId = UUID.randomUUID().toString();
        var good = TestEvents.decided(postId, "a".repeat(64));
        var other = TestEvents.decided(postId, "b".repeat(64));
        String otherValue = new EventCodec().encode(other.type(), other.data());
        // Same key as the good event, so the same partition: the good one is read after both.
        injector.raw(Topics.POSTS_DECIDED, postId, otherValue, CloudEventHeaders.of(other).remove(CloudEventHeaders.TYPE));
        injector.raw(Topics.POSTS_DECIDED, postId, "garbage", CloudEventHeaders.of(other));
        injector.send(good);

        var dead = new TopicReader(KAFKA).readPost(Topics.deadLetter(Topics.POSTS_DECIDED), postId, 2, WAIT);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(otherValue, "garbage");
        assertThat(dead).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).contains(r.value().equals("garbage") ? "not JSON" : "missing ce_type"));
        awaitTypes(postId, "dev.crier.post.decided");
        assertThat(timeline(postId).getString("records[0].eventId")).isEqualTo(good.id());
    }

    @Test
    void aPolicyReloadIsRecordedUnderThePolicyIdAndNoPost() {
        String policyId = "test-policy-" + UUID.randomUUID();
        var reload = new PolicyReloaded(policyId, "9", "e".repeat(64), "8", "f".repeat(64), "test", Instant.now());
        injector.send(Event.of(EventType.POLICY_RELOADED, TestEvents.SOURCE, policyId, reload.hash(), reload.reloadedAt(), reload));
        await().atMost(WAIT).untilAsserted(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM audit_records WHERE subject = ? AND post_id IS NULL AND ce_type = 'dev.crier.policy.reloaded'")) {
                ps.setString(1, policyId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        });
    }

    private static JsonPath timeline(String postId) {
        return given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/" + postId)
                .then().extract().jsonPath();
    }

    private static void awaitTypes(String postId, String... types) {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(timeline(postId).getList("records.type", String.class)).containsExactly(types));
    }

    /** Waits until audit-service has committed every record on the topic, so all sent before are handled. */
    private static void awaitConsumed(String topic) {
        try (Admin admin = KAFKA.admin()) {
            await().atMost(WAIT).untilAsserted(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                var ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("audit-service")
                        .partitionsToOffsetAndMetadata().get();
                for (TopicPartition p : partitions) {
                    OffsetAndMetadata at = committed.get(p);
                    assertThat(at == null ? 0 : at.offset()).as("committed offset of " + p).isEqualTo(ends.get(p).offset());
                }
            });
        }
    }
}
