package dev.crier.audit.store;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.RecordFields;
import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.MerkleHash;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.audit.domain.privacy.PayloadMasker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends records and grows the Merkle tree in the same transaction, on a connection the caller owns (and commits).
 * Writers serialize on an advisory lock and continue from the newest stored tree head, so the tree costs O(log n)
 * hashes per record whatever the log's size, and two writers can never take the same index.
 */
public final class LedgerWriter {

    /** Any constant: serializes appenders, so two writers could never take the same index. */
    private static final long APPEND_LOCK = 0x6372696572L;

    private LedgerWriter() {
    }

    /**
     * Appends the events not yet recorded, in order, at the next indexes, and stores the tree they lead to.
     *
     * @return the ids of the events appended (a repeat of a recorded event, or within the batch, is dropped)
     */
    public static Set<String> append(Connection c, List<ReceivedEvent> events) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        Set<String> known = recorded(c, events);
        List<ReceivedEvent> fresh = new ArrayList<>();
        Set<String> appended = new HashSet<>();
        for (ReceivedEvent event : events) {
            if (!known.contains(event.eventId()) && appended.add(event.eventId())) {
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return appended;
        }
        CompactRange tree = currentTree(c);
        TreeStore.NodeBatch nodes = new TreeStore.NodeBatch();
        CopyRows rows = new CopyRows(fresh.size() * 1024);
        for (ReceivedEvent event : fresh) {
            // Masked before anything is written: the original of a sensitive event never reaches the table.
            PayloadMasker.Stored stored = PayloadMasker.mask(event.payload());
            byte[] leafHash = MerkleHash.leafHash(stored.bytes());
            long index = tree.append(leafHash, nodes);
            RecordFields fields = RecordFields.of(stored.json());
            rows.row(15).bigint(index).text(event.eventId()).text(event.type()).text(event.topic())
                    .uuid(event.postId()).text(event.subject()).text(event.source()).timestamptz(event.time())
                    .bytea(stored.bytes()).bytea(leafHash).text(fields.authorId()).text(fields.department())
                    .text(fields.decision()).textArray(fields.ruleIds()).textArray(fields.platforms());
        }
        rows.copy(c, "audit_records (idx, event_id, ce_type, topic, post_id, subject, source, event_time, payload, "
                + "leaf_hash, author_id, department, decision, rule_ids, platforms)");
        nodes.insert(c);
        TreeStore.insertHead(c, tree);
        return appended;
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
