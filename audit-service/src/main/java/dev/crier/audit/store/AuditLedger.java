package dev.crier.audit.store;

import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.merkle.ConsistencyProof;
import dev.crier.audit.domain.merkle.InclusionProof;
import dev.crier.audit.domain.merkle.ProofGenerator;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.platform.store.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The append-only ledger and its Merkle tree: indexes 0, 1, 2, ... without gaps, each event id once. */
@ApplicationScoped
public class AuditLedger {

    static final String RECORD_COLUMNS =
            "idx, event_id, ce_type, topic, post_id, source, event_time, received_at, payload, leaf_hash, signature_check";

    private final Database database;

    public AuditLedger(Database database) {
        this.database = database;
    }

    /**
     * Appends the event at the next index and grows the tree in the same transaction. An event id already recorded
     * is dropped.
     *
     * @return false when the event was already recorded
     */
    public boolean append(ReceivedEvent event) {
        return !appendAll(List.of(event)).isEmpty();
    }

    /** Appends several events in one transaction; returns the ids of those that were not recorded before. */
    public Set<String> appendAll(List<ReceivedEvent> events) {
        return database.inTransaction(c -> LedgerWriter.append(c, events));
    }

    /** The tree over every committed record. */
    public TreeState head() {
        return database.inTransaction(TreeStore::head);
    }

    /** The root hash of the first {@code treeSize} records; {@code treeSize} must not exceed the head's size. */
    public byte[] rootHash(long treeSize) {
        return database.inTransaction(c -> {
            Optional<TreeState> stored = TreeStore.head(c, treeSize);
            return stored.isPresent() ? stored.get().rootHash()
                    : new ProofGenerator(new DatabaseNodeSource(c, treeSize)).rootHash(treeSize);
        });
    }

    /** An RFC 9162 inclusion proof; the caller checks {@code 0 <= index < treeSize <= head size}. */
    public InclusionProof inclusionProof(long index, long treeSize) {
        return database.inTransaction(c -> new ProofGenerator(new DatabaseNodeSource(c, treeSize))
                .inclusionProof(index, treeSize));
    }

    /** An RFC 9162 consistency proof; the caller checks {@code 0 < from <= to <= head size}. */
    public ConsistencyProof consistencyProof(long from, long to) {
        return database.inTransaction(c -> new ProofGenerator(new DatabaseNodeSource(c, to)).consistencyProof(from, to));
    }

    /** The record at {@code index}, if there is one. */
    public Optional<AuditRecord> record(long index) {
        List<AuditRecord> found = query("SELECT " + RECORD_COLUMNS + " FROM audit_records WHERE idx = ?", index);
        return found.stream().findFirst();
    }

    /** A post's records in the order the ledger received them. */
    public List<AuditRecord> timeline(UUID postId) {
        return query("SELECT " + RECORD_COLUMNS + " FROM audit_records WHERE post_id = ? ORDER BY idx", postId);
    }

    private List<AuditRecord> query(String sql, Object parameter) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, parameter);
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        records.add(read(rs));
                    }
                }
                return records;
            }
        });
    }

    /** Reads a row selected with {@link #RECORD_COLUMNS}. */
    static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getBytes(9),
                rs.getBytes(10), rs.getString(11));
    }
}
