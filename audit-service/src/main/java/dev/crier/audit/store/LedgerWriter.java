package dev.crier.audit.store;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.TreeState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Appends records and grows the Merkle tree in the same transaction, on a connection the caller owns (and commits).
 * Writers serialize on an advisory lock and continue from the newest stored tree head, so the tree costs O(log n)
 * hashes per record whatever the log's size, and two writers can never take the same index.
 */
public final class LedgerWriter {

    /** Any constant: serializes appenders, so two writers could never take the same index. */
    private static final long APPEND_LOCK = 0x6372696572L;

    /** Events prepared per task: small enough that PostgreSQL starts early, large enough to cost little to hand over. */
    private static final int PREPARED_CHUNK = 100;
    private static final Executor PREPARERS = ForkJoinPool.commonPool();
    /** SQLSTATE unique_violation: here, an event id already recorded. */
    private static final String UNIQUE_VIOLATION = "23505";

    private LedgerWriter() {
    }

    /**
     * Appends the events not yet recorded, in order, at the next indexes, and stores the tree they lead to.
     *
     * @return the ids of the events appended (a repeat of a recorded event, or within the batch, is dropped)
     */
    public static Set<String> append(Connection c, List<ReceivedEvent> events) throws SQLException {
        // Repeats are prepared too (they are rare): preparing starts before the round trips below, not after them.
        List<FutureTask<List<PreparedRecord>>> chunks = prepareInBackground(events);
        // A recorded event comes again only after a redelivery, so the batch is first written as if it held none:
        // the unique event id refuses the whole COPY if it does, and only then are the ids looked up and the rest
        // written. The index probe that the insert makes anyway replaces a lookup of every id in every batch.
        // The savepoint is SQL (the pool refuses JDBC's savepoint calls inside a transaction it manages), sent with
        // the lock in one round trip.
        execute(c, "SELECT pg_advisory_xact_lock(" + APPEND_LOCK + "); SAVEPOINT before_copy");
        try {
            Set<String> appended = write(c, events, chunks, Set.of());
            execute(c, "RELEASE SAVEPOINT before_copy");
            return appended;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            execute(c, "ROLLBACK TO SAVEPOINT before_copy");
            return write(c, events, chunks, recorded(c, events));
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes the prepared events whose ids are neither {@code known} nor earlier in the batch. */
    private static Set<String> write(Connection c, List<ReceivedEvent> events,
                                     List<FutureTask<List<PreparedRecord>>> chunks, Set<String> known)
            throws SQLException {
        Set<String> appended = new HashSet<>();
        boolean[] fresh = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            fresh[i] = !known.contains(events.get(i).eventId()) && appended.add(events.get(i).eventId());
        }
        if (appended.isEmpty()) {
            return appended;
        }
        CompactRange tree = currentTree(c);
        TreeStore.NodeBatch nodes = new TreeStore.NodeBatch();
        CopyRows rows = new CopyRows(c, "audit_records (idx, event_id, ce_type, topic, post_id, subject, source, "
                + "event_time, payload, leaf_hash, author_id, department, decision, rule_ids, platforms, signature_check)");
        try {
            int at = 0;
            for (FutureTask<List<PreparedRecord>> chunk : chunks) {
                for (PreparedRecord r : take(chunk)) {
                    if (fresh[at++]) {
                        ReceivedEvent e = r.event();
                        rows.row(16).bigint(tree.append(r.leafHash(), nodes)).text(e.eventId()).text(e.type())
                                .text(e.topic()).uuid(e.postId()).text(e.subject()).text(e.source())
                                .timestamptz(e.time()).bytea(r.stored()).bytea(r.leafHash())
                                .text(r.fields().authorId()).text(r.fields().department())
                                .text(r.fields().decision()).textArray(r.fields().ruleIds())
                                .textArray(r.fields().platforms()).text(e.signatureCheck());
                    }
                }
                // PostgreSQL inserts these rows while the next chunk is being prepared.
                rows.send();
            }
            rows.end();
        } finally {
            rows.cancelIfUnfinished();
        }
        nodes.insert(c);
        TreeStore.insertHead(c, tree);
        return appended;
    }

    /**
     * Starts preparing the events (masking, hashing, query columns: most of the Java work of an append) on another
     * thread, in chunks and in order, so that it overlaps the writer's queries and PostgreSQL inserting the chunks
     * before. The writing thread prepares any chunk not yet begun itself ({@link #take}), so a busy pool never holds
     * it up.
     */
    private static List<FutureTask<List<PreparedRecord>>> prepareInBackground(List<ReceivedEvent> events) {
        List<FutureTask<List<PreparedRecord>>> chunks = new ArrayList<>();
        for (int from = 0; from < events.size(); from += PREPARED_CHUNK) {
            List<ReceivedEvent> chunk = events.subList(from, Math.min(events.size(), from + PREPARED_CHUNK));
            chunks.add(new FutureTask<>(() -> chunk.stream().map(PreparedRecord::of).toList()));
        }
        chunks.forEach(PREPARERS::execute);
        return chunks;
    }

    /** The chunk's records: prepared here if the pool has not begun it (a task runs once), else waited for. */
    private static List<PreparedRecord> take(FutureTask<List<PreparedRecord>> chunk) {
        chunk.run();
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing records", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static Set<String> recorded(Connection c, List<ReceivedEvent> events) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM audit_records WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", events.stream().map(ReceivedEvent::eventId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        return known;
    }

    /**
     * The tree of every record so far: the newest head, brought up to date from the leaf hashes of any records it
     * does not cover (records written before the tree existed, by migration V3).
     */
    private static CompactRange currentTree(Connection c) throws SQLException {
        TreeState head = TreeStore.head(c);
        CompactRange tree = CompactRange.restore(head);
        long before = tree.size();
        TreeStore.NodeBatch nodes = new TreeStore.NodeBatch();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idx, leaf_hash FROM audit_records WHERE idx >= ? ORDER BY idx")) {
            ps.setLong(1, head.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) != tree.size()) {
                        throw new IllegalStateException("audit_records has no record " + tree.size()
                                + " but has " + rs.getLong(1) + ": the ledger is damaged");
                    }
                    tree.append(rs.getBytes(2), nodes);
                }
            }
        }
        if (tree.size() > before) {
            nodes.insert(c);
            TreeStore.insertHead(c, tree);
        }
        return tree;
    }
}
