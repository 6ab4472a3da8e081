package dev.crier.publish.store;

import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.GroupCommit;
import dev.crier.platform.tracing.TraceParent;
import dev.crier.publish.config.PublishSettings;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.PublishLedger;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The publish ledger in PostgreSQL. Every move is a conditional UPDATE on the state and attempt count it was read
 * with, so two workers (or two instances) can never both make the same call, and the state machine's rules are
 * checked before it. Round trips are shared: due entries are claimed in batches with their approvals (one
 * statement), the moves that the call threads make at the same moment go in one transaction ({@link GroupCommit}),
 * and outcomes are read and marked reported a batch at a time.
 */
@ApplicationScoped
public class LedgerStore implements PublishLedger {

    private static final String COLUMNS = "post_id, platform, account, state, attempts, due_at, first_attempt_at, "
            + "platform_post_id, url, error";
    private static final String AT_WORK = "('QUEUED', 'PENDING', 'UNKNOWN')";
    /** Approvals never change once recorded: the ones claimed recently are kept, so a call costs no read. */
    private static final int APPROVALS_KEPT = 10_000;

    private record Move(LedgerEntry from, LedgerEntry to) {
    }

    /** A recorded approval, and the trace it was approved in (a {@link TraceParent}, null for none). */
    private record Kept(PostDecided approval, String traceParent) {
    }

    private final Database database;
    private final Duration claimLease;
    private final String instance;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Kept> approvals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > APPROVALS_KEPT;
        }
    };
    private final GroupCommit<Move, Boolean> moves = new GroupCommit<>(this::moveAll);

    public LedgerStore(Database database, PublishSettings settings) {
        this.database = database;
        this.claimLease = settings.claimLease();
        this.instance = settings.instance();
    }

    @Override
    public boolean record(PostDecided approval, List<LedgerEntry> entries) {
        return database.inTransaction(c -> record(c, approval, entries));
    }

    /**
     * Records the approval and its entries in the transaction of {@code c}; false when the post was recorded already.
     * The current trace is kept with the post: its calls and its outcome go on in it, whenever they are made.
     */
    public boolean record(Connection c, PostDecided approval, List<LedgerEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO publish_posts (post_id, approval, publish_at, "
                + "trace_parent) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, UUID.fromString(approval.postId()));
            ps.setString(2, codec.encode(EventType.POST_APPROVED, approval));
            ps.setTimestamp(3, ts(approval.draft().publishAt()));
            ps.setString(4, TraceParent.current());
            if (ps.executeUpdate() == 0) {
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
        return true;
    }

    @Override
    public Optional<PostDecided> approval(String postId) {
        return recorded(postId).map(Kept::approval);
    }

    /** The trace the post was approved in, as a {@link TraceParent} (null when it came without one). */
    public String traceParent(String postId) {
        return recorded(postId).map(Kept::traceParent).orElse(null);
    }

    private Optional<Kept> recorded(String postId) {
        Kept kept = kept(postId);
        if (kept != null) {
            return Optional.of(kept);
        }
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT approval, trace_parent FROM publish_posts WHERE post_id = ?")) {
                ps.setObject(1, UUID.fromString(postId));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(keep(postId, rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
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

    /**
     * Claims up to {@code limit} due entries in one statement, earliest first, with their approvals: each is leased
     * for {@code crier.publish.claim-lease}, and rows another worker is claiming are skipped, so two workers or two
     * instances never take the same entry (and if a lease ran out, the conditional moves still let only one call).
     */
    @Override
    public List<LedgerEntry> due(Instant now, int limit, Set<String> skippedPlatforms) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE publish_ledger l SET claimed_until = ? "
                    + "FROM (SELECT post_id, platform FROM publish_ledger WHERE state IN " + AT_WORK + " AND due_at <= ? "
                    + "AND (claimed_until IS NULL OR claimed_until <= ?) AND platform <> ALL (?) "
                    + "ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED) d, publish_posts p "
                    + "WHERE l.post_id = d.post_id AND l.platform = d.platform AND p.post_id = l.post_id RETURNING "
                    + prefixed("l.") + ", p.approval, p.trace_parent")) {
                ps.setTimestamp(1, ts(now.plus(claimLease)));
                ps.setTimestamp(2, ts(now));
                ps.setTimestamp(3, ts(now));
                ps.setArray(4, c.createArrayOf("text", skippedPlatforms.toArray()));
                ps.setInt(5, limit);
                List<LedgerEntry> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerEntry entry = entry(rs);
                        claimed.add(entry);
                        if (kept(entry.postId()) == null) {
                            keep(entry.postId(), rs.getString(11), rs.getString(12));
                        }
                    }
                }
                claimed.sort(Comparator.comparing(LedgerEntry::dueAt));
                return claimed;
            }
        });
    }

    /** When the next entry at work falls due after {@code now}, if one does before {@code until}. */
    public Optional<Instant> nextDue(Instant now, Instant until) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(due_at) FROM publish_ledger WHERE state IN "
                    + AT_WORK + " AND due_at > ? AND due_at < ?")) {
                ps.setTimestamp(1, ts(now));
                ps.setTimestamp(2, ts(until));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(instant(rs.getTimestamp(1))) : Optional.empty();
                }
            }
        });
    }

    /** The PENDING entries this instance (crier.publish.instance) left, or that no instance is named for. */
    @Override
    public List<LedgerEntry> pending() {
        return query("SELECT " + COLUMNS + " FROM publish_ledger WHERE state = 'PENDING' "
                + "AND (moved_by IS NULL OR moved_by = ?)", ps -> ps.setString(1, instance));
    }

    @Override
    public boolean move(LedgerEntry from, LedgerEntry to) {
        if (!from.state().canMoveTo(to.state())) {
            throw new IllegalStateException("the ledger refuses to move " + from.platform() + " for post "
                    + from.postId() + " from " + from.state() + " to " + to.state());
        }
        return moves.write(new Move(from, to));
    }

    /** The moves, in one transaction; a moved entry's claim ends with the move (it may be due again soon). */
    private List<Boolean> moveAll(List<Move> batch) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE publish_ledger SET state = ?, attempts = ?, due_at = ?, first_attempt_at = ?, "
                            + "platform_post_id = ?, url = ?, error = ?, claimed_until = NULL, moved_by = ?, updated_at = now() "
                            + "WHERE post_id = ? AND platform = ? AND state = ? AND attempts = ?")) {
                for (Move m : batch) {
                    LedgerEntry from = m.from();
                    LedgerEntry to = m.to();
                    ps.setString(1, to.state().name());
                    ps.setInt(2, to.attempts());
                    ps.setTimestamp(3, ts(to.dueAt()));
                    ps.setTimestamp(4, ts(to.firstAttemptAt()));
                    ps.setString(5, to.platformPostId());
                    ps.setString(6, to.url());
                    ps.setString(7, to.error());
                    ps.setString(8, instance);
                    ps.setObject(9, UUID.fromString(from.postId()));
                    ps.setString(10, from.platform());
                    ps.setString(11, from.state().name());
                    ps.setInt(12, from.attempts());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                List<Boolean> moved = new ArrayList<>(counts.length);
                for (int count : counts) {
                    moved.add(count == 1);
                }
                return moved;
            }
        });
    }

    /**
     * Up to {@code limit} posts whose every entry is final and whose outcome is not reported yet, with their
     * entries, locked in the transaction of {@code c} (rows another instance is reporting are skipped).
     */
    public Map<String, List<LedgerEntry>> finished(Connection c, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.post_id FROM publish_posts p "
                + "WHERE p.outcome_reported_at IS NULL AND NOT EXISTS (SELECT 1 FROM publish_ledger l "
                + "WHERE l.post_id = p.post_id AND l.state IN " + AT_WORK + ") "
                + "ORDER BY p.recorded_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        Map<String, List<LedgerEntry>> byPost = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byPost;
        }
        ids.forEach(id -> byPost.put(id.toString(), new ArrayList<>()));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM publish_ledger "
                + "WHERE post_id = ANY (?) ORDER BY post_id, position, platform")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LedgerEntry entry = entry(rs);
                    byPost.get(entry.postId()).add(entry);
                }
            }
        }
        return byPost;
    }

    /** The traces the posts were approved in ({@link TraceParent}s, by post id; none for a post without one). */
    public Map<String, String> traceParents(Connection c, Collection<String> postIds) throws SQLException {
        Map<String, String> traces = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT post_id, trace_parent FROM publish_posts WHERE post_id = ANY (?) AND trace_parent IS NOT NULL")) {
            ps.setArray(1, c.createArrayOf("uuid", postIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traces.put(rs.getObject(1, UUID.class).toString(), rs.getString(2));
                }
            }
        }
        return traces;
    }

    /** How many entries of one platform are in one state. */
    public record StateCount(String platform, String state, long count) {
    }

    /** Entries not final yet, and those a person must look at (NEEDS_ATTENTION), by platform and state. */
    public List<StateCount> openByPlatformAndState() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT platform, state, count(*) FROM publish_ledger "
                    + "WHERE state IN ('QUEUED', 'PENDING', 'UNKNOWN', 'NEEDS_ATTENTION') GROUP BY platform, state");
                 ResultSet rs = ps.executeQuery()) {
                List<StateCount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StateCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
                return out;
            }
        });
    }

    /** Marks these posts' outcomes reported, in the transaction of {@code c} that put the outcomes in the outbox. */
    public void outcomesReported(Connection c, Collection<String> postIds) throws SQLException {
        if (postIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE publish_posts SET outcome_reported_at = now() "
                + "WHERE post_id = ANY (?) AND outcome_reported_at IS NULL")) {
            ps.setArray(1, c.createArrayOf("uuid", postIds.stream().map(UUID::fromString).toArray()));
            ps.executeUpdate();
        }
    }

    private Kept kept(String postId) {
        synchronized (approvals) {
            return approvals.get(postId);
        }
    }

    private Kept keep(String postId, String approval, String traceParent) {
        Kept kept = new Kept(codec.decode(EventType.POST_APPROVED, approval), traceParent);
        synchronized (approvals) {
            approvals.put(postId, kept);
        }
        return kept;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<LedgerEntry> query(String sql, Binder binder) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<LedgerEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getObject(1, UUID.class).toString(), rs.getString(2), rs.getString(3),
                LedgerState.valueOf(rs.getString(4)), rs.getInt(5), instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
