package dev.crier.audit.store;

import dev.crier.audit.domain.AuditRecord;
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

/** The append-only audit table. */
@ApplicationScoped
public class AuditLedger {

    /** Any constant: serializes appenders, so two writers could never take the same index. */
    private static final long APPEND_LOCK = 0x6372696572L;

    private final AgroalDataSource db;

    public AuditLedger(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Appends the event at the next index; an event id already recorded is dropped in the same transaction.
     * The subject is the post id for post events (also kept as post_id) and, for instance, the policy id for a reload.
     */
    @Transactional
    public boolean append(String eventId, String type, String topic, String subject, String source, java.time.Instant time,
                          byte[] payload) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_records (idx, event_id, ce_type, topic, post_id, subject, source, event_time, payload)
                    SELECT coalesce(max(idx) + 1, 0), ?, ?, ?, ?, ?, ?, ?, ? FROM audit_records
                    ON CONFLICT (event_id) DO NOTHING""")) {
                ps.setString(1, eventId);
                ps.setString(2, type);
                ps.setString(3, topic);
                ps.setObject(4, dev.crier.platform.api.PathIds.uuid(subject).orElse(null));
                ps.setString(5, subject);
                ps.setString(6, source);
                ps.setTimestamp(7, Timestamp.from(time));
                ps.setBytes(8, payload);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not append event " + eventId, e);
        }
    }

    /** A post's records in the order they were received. */
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
            throw new IllegalStateException("could not read the timeline of " + postId, e);
        }
    }
}
