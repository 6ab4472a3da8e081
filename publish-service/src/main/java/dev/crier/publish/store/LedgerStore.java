package dev.crier.publish.store;

import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.PublishLedger;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The publish ledger in PostgreSQL. Every move is a conditional UPDATE on the state and attempt count it was read
 * with, so two workers can never both make the same call, and the state machine's rules are checked before it.
 */
@ApplicationScoped
public class LedgerStore implements PublishLedger {

    private static final String COLUMNS = "post_id, platform, account, state, attempts, due_at, first_attempt_at, "
            + "platform_post_id, url, error";
    private static final String AT_WORK = "('QUEUED', 'PENDING', 'UNKNOWN')";

    private final AgroalDataSource db;
    private final EventCodec codec = new EventCodec();

    public LedgerStore(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public boolean record(PostDecided approval, List<LedgerEntry> entries) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO publish_posts (post_id, approval, publish_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    ps.setObject(1, UUID.fromString(approval.postId()));
                    ps.setString(2, codec.encode(EventType.POST_APPROVED, approval));
                    ps.setTimestamp(3, ts(approval.draft().publishAt()));
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO publish_ledger (post_id, platform, account, "
                        + "state, attempts, due_at, error, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (LedgerEntry e : entries) {
                        ps.setObject(1, UUID.fromString(e.postId()));
                        ps.setString(2, e.platform());
                        ps.setString(3, e.account());
                        ps.setString(4, e.state().name());
                        ps.setInt(5, e.attempts());
                        ps.setTimestamp(6, ts(e.dueAt()));
                        ps.setString(7, e.error());
                        ps.setInt(8, position++);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public Optional<PostDecided> approval(String postId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT approval FROM publish_posts WHERE post_id = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(codec.decode(EventType.POST_APPROVED, rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public List<LedgerEntry> entries(String postId) {
        return query("SELECT " + COLUMNS + " FROM publish_ledger WHERE post_id = ? ORDER BY position, platform",
                ps -> ps.setObject(1, UUID.fromString(postId)));
    }

    @Override
    public Optional<LedgerEntry> find(String postId, String platform) {
        return query("SELECT " + COLUMNS + " FROM publish_ledger WHERE post_id = ? AND platform = ?", ps -> {
            ps.setObject(1, UUID.fromString(postId));
            ps.setString(2, platform);
        }).stream().findFirst();
    }

    @Override
    public List<LedgerEntry> due(Instant now, int limit) {
        return query("SELECT " + COLUMNS + " FROM publish_ledger WHERE state IN " + AT_WORK
                + " AND due_at <= ? ORDER BY due_at LIMIT ?", ps -> {
            ps.setTimestamp(1, ts(now));
            ps.setInt(2, limit);
        });
    }

    @Override
    public List<LedgerEntry> pending() {
        return query("SELECT " + COLUMNS + " FROM publish_ledger WHERE state = 'PENDING'", ps -> { });
    }

    @Override
    public boolean move(LedgerEntry from, LedgerEntry to) {
        if (!from.state().canMoveTo(to.state())) {
            throw new IllegalStateException("the ledger refuses to move " + from.platform() + " for post "
                    + from.postId() + " from " + from.state() + " to " + to.state());
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE publish_ledger SET state = ?, attempts = ?, due_at = ?, first_attempt_at = ?, "
                        + "platform_post_id = ?, url = ?, error = ?, updated_at = now() "
                        + "WHERE post_id = ? AND platform = ? AND state = ? AND attempts = ?")) {
            ps.setString(1, to.state().name());
            ps.setInt(2, to.attempts());
            ps.setTimestamp(3, ts(to.dueAt()));
            ps.setTimestamp(4, ts(to.firstAttemptAt()));
            ps.setString(5, to.platformPostId());
            ps.setString(6, to.url());
            ps.setString(7, to.error());
            ps.setObject(8, UUID.fromString(from.postId()));
            ps.setString(9, from.platform());
            ps.setString(10, from.state().name());
            ps.setInt(11, from.attempts());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public List<String> awaitingOutcome(int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT p.post_id FROM publish_posts p WHERE p.outcome_reported_at IS NULL AND NOT EXISTS "
                        + "(SELECT 1 FROM publish_ledger l WHERE l.post_id = p.post_id AND l.state IN " + AT_WORK + ") "
                        + "ORDER BY p.recorded_at LIMIT ?")) {
            ps.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class).toString());
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public void outcomeReported(String postId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE publish_posts SET outcome_reported_at = now() WHERE post_id = ? AND outcome_reported_at IS NULL")) {
            ps.setObject(1, UUID.fromString(postId));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<LedgerEntry> query(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LedgerEntry(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                            LedgerState.valueOf(rs.getString(4)), rs.getInt(5), instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
