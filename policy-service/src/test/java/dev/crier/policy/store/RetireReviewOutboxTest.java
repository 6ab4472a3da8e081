package dev.crier.policy.store;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.ReviewOutcome;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.LocalInfra;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R__retire_review_outbox: run by Flyway after platform's R__outbox, and, on a database that still has the old
 * review_outbox (recreated here from V2), it moves the unsent events to the outbox, from where they are sent, and
 * drops the table; run again, it changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class RetireReviewOutboxTest {

    @ConfigProperty(name = "crier.events.source")
    String source;

    final EventCodec codec = new EventCodec();

    @Test
    void flywayRanItAfterTheOutboxAndTheOldTableIsGone() throws Exception {
        try (Connection c = database()) {
            List<String> repeatables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT description FROM flyway_schema_history WHERE version IS NULL AND success ORDER BY installed_rank")) {
                while (rs.next()) {
                    repeatables.add(rs.getString(1));
                }
            }
            assertThat(repeatables).containsSubsequence("outbox", "retire review outbox");
            assertThat(exists(c, "review_outbox")).isFalse();
        }
    }

    @Test
    void unsentReviewEventsMoveToTheOutboxInOrderAndAreSent() throws Exception {
        String postId = UUID.randomUUID().toString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Event<ReviewOutcome> first = outcome(postId, ReviewOutcome.Outcome.ESCALATED, "review-v1", t);
        Event<ReviewOutcome> second = outcome(postId, ReviewOutcome.Outcome.CHANGES_REQUESTED, "review-v2", t.plusSeconds(1));
        Event<ReviewOutcome> sent = outcome(UUID.randomUUID().toString(), ReviewOutcome.Outcome.EXPIRED, "review-v1", t);

        try (Connection c = database()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(oldTable());
            }
            // Rows in another order than they were written (created_at); the sent one stays behind.
            insertOld(c, second, t.plusSeconds(2), null);
            insertOld(c, first, t.plusSeconds(1), null);
            insertOld(c, sent, t, t);

            String script = script().replace("${eventSource}", source);
            try (Statement s = c.createStatement()) {
                s.execute(script);
            }
            assertThat(exists(c, "review_outbox")).isFalse();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT event_id, ce_type, source, subject, event_time, payload FROM outbox
                    WHERE event_id = ANY (?) ORDER BY seq""")) {
                ps.setArray(1, c.createArrayOf("text", new Object[]{first.id(), second.id(), sent.id()}));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("event_id")).as("oldest first").isEqualTo(first.id());
                    assertThat(rs.getString("ce_type")).isEqualTo(EventType.REVIEW_ESCALATED.ceType());
                    assertThat(rs.getString("source")).isEqualTo(source);
                    assertThat(rs.getString("subject")).isEqualTo(postId);
                    assertThat(rs.getTimestamp("event_time").toInstant()).isEqualTo(t);
                    assertThat(rs.getString("payload")).isEqualTo(payload(first));
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("event_id")).isEqualTo(second.id());
                    assertThat(rs.next()).as("the sent event is not moved").isFalse();
                }
            }
            // Run again (the script changed, or a repair): nothing to do.
            try (Statement s = c.createStatement()) {
                s.execute(script);
            }
            c.commit();
        }

        // The relay sends them as any other event of the outbox.
        var reader = new TopicReader(CrierTestResource.infra().kafka());
        var escalated = reader.readPost(Topics.REVIEWS_ESCALATED, postId, 1, Duration.ofSeconds(30));
        assertThat(escalated).hasSize(1);
        assertThat(new String(escalated.get(0).headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(first.id());
        assertThat(codec.decode(EventType.REVIEW_ESCALATED, escalated.get(0).value())).isEqualTo(first.data());
        assertThat(reader.readPost(Topics.POSTS_CHANGES_REQUESTED, postId, 1, Duration.ofSeconds(30))).hasSize(1);
    }

    private Event<ReviewOutcome> outcome(String postId, ReviewOutcome.Outcome outcome, String discriminator, Instant at) {
        return Event.of(EventType.outcomeOf(outcome), source, postId, discriminator, at,
                new ReviewOutcome(postId, outcome, "system", "test", at));
    }

    private String payload(Event<ReviewOutcome> e) {
        return codec.encode(e.type(), e.data());
    }

    private void insertOld(Connection c, Event<ReviewOutcome> e, Instant createdAt, Instant sentAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO review_outbox (event_id, ce_type, post_id, event_time, payload, created_at, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, e.id());
            ps.setString(2, e.type().ceType());
            ps.setObject(3, UUID.fromString(e.postId()));
            ps.setTimestamp(4, Timestamp.from(e.time()));
            ps.setString(5, payload(e));
            ps.setTimestamp(6, Timestamp.from(createdAt));
            ps.setTimestamp(7, sentAt == null ? null : Timestamp.from(sentAt));
            ps.executeUpdate();
        }
    }

    /** review_outbox exactly as V2 created it. */
    private static String oldTable() throws IOException {
        String v2 = resource("db/migration/V2__review_queue.sql");
        int start = v2.indexOf("CREATE TABLE review_outbox");
        return v2.substring(start, v2.indexOf(';', start) + 1);
    }

    private static String script() throws IOException {
        return resource("db/migration/R__retire_review_outbox.sql");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RetireReviewOutboxTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** policy-service's database as its administrator (migrations run as its owner). */
    private static Connection database() throws SQLException {
        return CrierTestResource.infra().postgres().superuser(LocalInfra.database("policy"));
    }
}
