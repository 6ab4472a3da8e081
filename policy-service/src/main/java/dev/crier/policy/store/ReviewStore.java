package dev.crier.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.EventCodec;
import dev.crier.events.PostDecided;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.store.Database;
import dev.crier.platform.tracing.TraceParent;
import dev.crier.policy.domain.review.Requirements;
import dev.crier.policy.domain.review.ReviewCase;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The review queue in policy-service's database: each review and its history (the events of its changes go to
 * platform's outbox, in the same transaction). Plain JDBC in platform's {@link Database} transactions: a change
 * locks its row ({@code SELECT ... FOR UPDATE}), so two reviewers deciding at once are served one after the other
 * and the second sees the first one's result.
 */
@ApplicationScoped
public class ReviewStore {

    /** One review as stored. {@code eventPending}: one of its events is not acknowledged by Kafka yet. */
    public record Stored(ReviewCase review, PostDecided decided, String department, List<String> platforms, long version,
                         List<HistoryEntry> history, boolean eventPending) {
    }

    /** One step of a review: who did what, when and why, and the status it left. */
    public record HistoryEntry(Instant at, String actor, String role, String action, String reason, Instant publishAt,
                               ReviewCase.Status statusAfter) {
    }

    /** The queue's filters; null means any. */
    public record Filter(ReviewCase.Status status, String category, String platform, String department,
                         Instant receivedBefore, int limit) {
    }

    private static final String COLUMNS = """
            post_id, status, decided, author_id, submitted_by, category, department, platforms, publish_at, received_at,
            comms_head_required, approvals_required, escalate_after_s, escalated_at, approvals, version""";

    private final Database database;
    private final Outbox outbox;
    private final ObjectMapper json = EventCodec.mapper();

    public ReviewStore(Database database, Outbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    /** The trace the draft was queued in (a {@link TraceParent}; null for one queued before traces were kept). */
    public String traceParent(Connection c, UUID postId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT trace_parent FROM reviews WHERE post_id = ?")) {
            ps.setObject(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Puts a draft in the queue, once: a second event for a post already in the queue changes nothing. False when
     * nothing was added.
     */
    public boolean enqueue(Connection c, PostDecided decided, ReviewCase review, HistoryEntry received) throws SQLException {
        var draft = decided.draft();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reviews (post_id, status, decided, author_id, category, department, platforms, publish_at,
                    received_at, comms_head_required, approvals_required, escalate_after_s, escalate_at, submitted_by,
                    trace_parent)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_id) DO NOTHING""")) {
            ps.setObject(1, UUID.fromString(review.postId()));
            ps.setString(2, review.status().name());
            ps.setString(3, write(decided));
            ps.setString(4, review.authorId());
            ps.setString(5, review.category());
            ps.setString(6, draft.author() == null ? null : draft.author().department());
            ps.setArray(7, c.createArrayOf("text", draft.platforms().toArray()));
            ps.setTimestamp(8, ts(review.publishAt()));
            ps.setTimestamp(9, ts(review.receivedAt()));
            ps.setBoolean(10, review.requirements().commsHead());
            ps.setInt(11, review.requirements().approvals());
            ps.setLong(12, review.requirements().escalateAfter().toSeconds());
            ps.setTimestamp(13, ts(review.escalateAt()));
            ps.setString(14, review.submitterId());
            ps.setString(15, TraceParent.current());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        addHistory(c, review.postId(), received);
        return true;
    }

    public Optional<Stored> find(UUID postId) {
        return database.inTransaction(c -> read(c, postId, false));
    }

    /** The review, locked until the transaction ends. */
    public Optional<Stored> lock(Connection c, UUID postId) throws SQLException {
        return read(c, postId, true);
    }

    /** Writes a change of a locked review: its new state and one history entry. */
    public void update(Connection c, Stored before, ReviewCase next, HistoryEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE reviews SET status = ?, publish_at = ?, escalated_at = ?, approvals = ?::jsonb, version = version + 1
                WHERE post_id = ? AND version = ?""")) {
            ps.setString(1, next.status().name());
            ps.setTimestamp(2, ts(next.publishAt()));
            ps.setTimestamp(3, ts(next.escalatedAt()));
            ps.setString(4, write(next.approvals()));
            ps.setObject(5, UUID.fromString(next.postId()));
            ps.setLong(6, before.version());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("review " + next.postId() + " changed under its lock");
            }
        }
        addHistory(c, next.postId(), entry);
    }

    /** The queue, most urgent first: health-safety, then the nearest publishAt, then the longest waiting. */
    public List<Stored> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM reviews WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().name());
        }
        if (f.category() != null) {
            sql.append(" AND category = ?");
            args.add(f.category());
        }
        if (f.department() != null) {
            sql.append(" AND department = ?");
            args.add(f.department());
        }
        if (f.platform() != null) {
            sql.append(" AND ? = ANY (platforms)");
            args.add(f.platform());
        }
        if (f.receivedBefore() != null) {
            sql.append(" AND received_at <= ?");
            args.add(ts(f.receivedBefore()));
        }
        sql.append(" ORDER BY (category IS NOT DISTINCT FROM 'health-safety') DESC, publish_at ASC NULLS LAST, received_at ASC LIMIT ?");
        args.add(f.limit());
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Stored> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs, List.of(), false));
                    }
                }
                return out;
            }
        });
    }

    /** Pending reviews of one category (null: none given): how many, and since when the oldest waits. */
    public record Waiting(String category, long count, Instant oldestReceivedAt) {
    }

    public List<Waiting> pendingByCategory() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT category, count(*), min(received_at) FROM reviews WHERE status = 'PENDING' GROUP BY category""");
                 ResultSet rs = ps.executeQuery()) {
                List<Waiting> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Waiting(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
                }
                return out;
            }
        });
    }

    /** Pending reviews whose publishAt has passed or that are due for escalation. */
    public List<UUID> due(Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT post_id FROM reviews WHERE status = 'PENDING'
                    AND (publish_at <= ? OR (escalated_at IS NULL AND escalate_at <= ?))""")) {
                ps.setTimestamp(1, ts(now));
                ps.setTimestamp(2, ts(now));
                List<UUID> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                }
                return out;
            }
        });
    }

    private Optional<Stored> read(Connection c, UUID postId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM reviews WHERE post_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, postId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(row(rs, history(c, postId), outbox.waiting(c, postId.toString())));
            }
        }
    }

    private Stored row(ResultSet rs, List<HistoryEntry> history, boolean eventPending) throws SQLException {
        var requirements = new Requirements(rs.getBoolean("comms_head_required"), rs.getInt("approvals_required"),
                Duration.ofSeconds(rs.getLong("escalate_after_s")));
        var review = new ReviewCase(rs.getObject("post_id", UUID.class).toString(), rs.getString("author_id"),
                rs.getString("submitted_by"),
                rs.getString("category"), instant(rs.getTimestamp("publish_at")), requirements,
                ReviewCase.Status.valueOf(rs.getString("status")),
                read(rs.getString("approvals"), new TypeReference<List<ReviewCase.Approval>>() { }),
                instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("escalated_at")));
        Array platforms = rs.getArray("platforms");
        return new Stored(review, read(rs.getString("decided"), new TypeReference<PostDecided>() { }),
                rs.getString("department"), List.of((String[]) platforms.getArray()), rs.getLong("version"), history, eventPending);
    }

    private List<HistoryEntry> history(Connection c, UUID postId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT at, actor, role, action, reason, publish_at, status_after FROM review_history
                WHERE post_id = ? ORDER BY seq""")) {
            ps.setObject(1, postId);
            List<HistoryEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), ReviewCase.Status.valueOf(rs.getString(7))));
                }
            }
            return out;
        }
    }

    private static void addHistory(Connection c, String postId, HistoryEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO review_history (post_id, seq, at, actor, role, action, reason, publish_at, status_after)
                SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM review_history WHERE post_id = ?""")) {
            UUID id = UUID.fromString(postId);
            ps.setObject(1, id);
            ps.setTimestamp(2, ts(e.at()));
            ps.setString(3, e.actor());
            ps.setString(4, e.role());
            ps.setString(5, e.action());
            ps.setString(6, e.reason());
            ps.setTimestamp(7, ts(e.publishAt()));
            ps.setString(8, e.statusAfter().name());
            ps.setObject(9, id);
            ps.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored review does not read back", e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
