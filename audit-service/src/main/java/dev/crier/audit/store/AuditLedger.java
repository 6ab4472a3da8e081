package dev.crier.audit.store;

import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.platform.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The append-only audit_records table: indexes 0, 1, 2, ... without gaps, each event id once. */
@ApplicationScoped
public class AuditLedger {

    /** Any constant: serializes appenders, so two writers could never take the same index. */
    private static final long APPEND_LOCK = 0x6372696572L;

    private final AgroalDataSource db;

    public AuditLedger(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Appends the event at the next index. The index is taken inside the inserting transaction, not from a
     * sequence, whose rolled-back values would leave gaps. An event id already recorded is dropped.
     *
     * @return false when the event was already recorded
     */
    @Transactional
    public boolean append(ReceivedEvent event) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_records (idx, event_id, ce_type, topic, post_id, subject, source, event_time, payload)
                    SELECT coalesce(max(idx) + 1, 0), ?, ?, ?, ?, ?, ?, ?, ? FROM audit_records
                    ON CONFLICT (event_id) DO NOTHING""")) {
                ps.setString(1, event.eventId());
                ps.setString(2, event.type());
                ps.setString(3, event.topic());
                ps.setObject(4, event.postId());
                ps.setString(5, event.subject());
                ps.setString(6, event.source());
                ps.setTimestamp(7, Timestamp.from(event.time()));
                ps.setBytes(8, event.payload());
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** A post's records in the order the ledger received them. */
    public List<AuditRecord> timeline(UUID postId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT idx, event_id, ce_type, topic, post_id, source, event_time, received_at, payload
                FROM audit_records WHERE post_id = ? ORDER BY idx""")) {
            ps.setObject(1, postId);
            List<AuditRecord> records = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant(), rs.getBytes(9)));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
