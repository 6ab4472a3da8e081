package dev.crier.audit.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.infra.CrierTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import dev.crier.audit.domain.merkle.MerkleHash;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Appends (by binary COPY) keep every value intact and take the next index, without gaps, even from concurrent writers; an event id is recorded once. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class AuditLedgerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditLedger ledger;

    @Inject
    AgroalDataSource db;

    @Test
    void aRecordedEventIdIsDropped() throws SQLException {
        ReceivedEvent event = TestEvents.received();
        assertThat(ledger.append(event)).isTrue();
        long before = count();
        assertThat(ledger.append(event)).isFalse();
        assertThat(count()).isEqualTo(before);
    }

    /**
     * A batch is first copied as if it held no recorded event; the unique event id refuses that copy when it does,
     * and the batch is written again without the repeats, in the same transaction, still without a gap.
     */
    @Test
    void aBatchWithRecordedEventsKeepsOnlyTheNewOnesInOrder() throws SQLException {
        ReceivedEvent recorded = TestEvents.received();
        assertThat(ledger.append(recorded)).isTrue();
        long before = count();
        ReceivedEvent first = TestEvents.received();
        ReceivedEvent second = TestEvents.received();

        assertThat(ledger.appendAll(List.of(first, recorded, first, second)))
                .containsExactlyInAnyOrder(first.eventId(), second.eventId());

        assertThat(count()).isEqualTo(before + 2);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT event_id, idx FROM audit_records WHERE idx >= ? ORDER BY idx")) {
            ps.setLong(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(first.eventId());
                assertThat(rs.getLong(2)).isEqualTo(before);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(second.eventId());
                assertThat(rs.getLong(2)).isEqualTo(before + 1);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void concurrentWritersNeverTakeTheSameIndexNorLeaveAGap() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> appends = IntStream.range(0, 40)
                    .<Callable<Boolean>>mapToObj(i -> () -> ledger.append(TestEvents.received())).toList();
            for (Future<Boolean> appended : writers.invokeAll(appends)) {
                assertThat(appended.get()).isTrue();
            }
        } finally {
            writers.shutdown();
        }
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), min(idx), max(idx) FROM audit_records")) {
            rs.next();
            assertThat(rs.getLong(2)).isZero();
            assertThat(rs.getLong(3) + 1).isEqualTo(rs.getLong(1));
        }
    }

    @Test
    void everyValueArrivesIntactThroughCopy() throws Exception {
        UUID post = UUID.randomUUID();
        String awkward = "a \"quoted\", comma\\ back\\slash\r\nnew line \\. {brace} 'single' é";
        var root = JSON.createObjectNode().put("postId", post.toString()).put("decision", "REJECTED")
                .put("reason", awkward);
        root.putArray("findings").addObject().put("ruleId", "odd,\"rule}");
        var draft = root.putObject("draft").put("text", "\\.");
        draft.putArray("platforms").add("x").add("é \"y\"");
        draft.putObject("author").put("id", "u \"1\"").put("department", "d,\n\\");
        String payload = JSON.writeValueAsString(root);
        String id = "id,\"" + UUID.randomUUID() + "\"\n";
        // PostgreSQL keeps microseconds: a finer time is rounded to the nearest; a time before 2000 counts back.
        Instant time = Instant.parse("1999-12-31T23:59:59.123456500Z");
        ReceivedEvent event = new ReceivedEvent(id, "dev.crier.post.decided", "posts.decided", "subject \"s\"", post,
                "/src,\"x\"\\", time, payload.getBytes(StandardCharsets.UTF_8));
        assertThat(ledger.append(event)).isTrue();

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT payload, source, author_id, department, decision, rule_ids, leaf_hash, post_id, subject, "
                        + "event_time, platforms, ce_type, topic FROM audit_records WHERE event_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).isEqualTo(payload);
                assertThat(rs.getString(2)).isEqualTo("/src,\"x\"\\");
                assertThat(rs.getString(3)).isEqualTo("u \"1\"");
                assertThat(rs.getString(4)).isEqualTo("d,\n\\");
                assertThat(rs.getString(5)).isEqualTo("REJECTED");
                assertThat((String[]) rs.getArray(6).getArray()).containsExactly("odd,\"rule}");
                assertThat(rs.getBytes(7)).isEqualTo(MerkleHash.leafHash(payload.getBytes(StandardCharsets.UTF_8)));
                assertThat(rs.getObject(8)).isEqualTo(post);
                assertThat(rs.getString(9)).isEqualTo("subject \"s\"");
                assertThat(rs.getTimestamp(10).toInstant()).isEqualTo(Instant.parse("1999-12-31T23:59:59.123457Z"));
                assertThat((String[]) rs.getArray(11).getArray()).containsExactly("x", "é \"y\"");
                assertThat(rs.getString(12)).isEqualTo("dev.crier.post.decided");
                assertThat(rs.getString(13)).isEqualTo("posts.decided");
            }
        }
    }

    @Test
    void absentValuesArriveAsNullAndEmptyArraysThroughCopy() throws Exception {
        String id = UUID.randomUUID().toString();
        ReceivedEvent reload = new ReceivedEvent(id, "dev.crier.policy.reloaded", "policy.changes", "canada-federal",
                null, TestEvents.SOURCE, TestEvents.TIME, "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(ledger.append(reload)).isTrue();

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT post_id, author_id, department, decision, rule_ids, platforms, event_time FROM audit_records "
                        + "WHERE event_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int column = 1; column <= 4; column++) {
                    assertThat(rs.getObject(column)).as("column %d", column).isNull();
                }
                assertThat((String[]) rs.getArray(5).getArray()).isEmpty();
                assertThat((String[]) rs.getArray(6).getArray()).isEmpty();
                assertThat(rs.getTimestamp(7).toInstant()).isEqualTo(TestEvents.TIME);
            }
        }
    }

    private long count() throws SQLException {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_records")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
