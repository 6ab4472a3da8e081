package dev.crier.ingest.store;

import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.ingest.domain.DraftStatus;
import dev.crier.platform.store.ProcessedEvents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** ingest's drafts table: idempotency keys, acceptance, and the status the pipeline reports. */
@ApplicationScoped
public class DraftStore {

    private static final String COLUMNS = "id, caller, request_hash, external_id, accepted, status, decision::text, "
            + "publish_results::text, submitted_at, updated_at";

    private final AgroalDataSource db;

    public DraftStore(AgroalDataSource db) {
        this.db = db;
    }

    /** Records a draft before its event is sent; false when the caller already used this idempotency key. */
    public boolean insertPending(UUID id, String caller, String idempotencyKey, String requestHash, String externalId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO drafts (id, caller, idempotency_key, request_hash, external_id) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (caller, idempotency_key) DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, caller);
            ps.setString(3, idempotencyKey);
            ps.setString(4, requestHash);
            ps.setString(5, externalId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    public Optional<DraftRow> findByKey(String caller, String idempotencyKey) {
        return findOne("SELECT " + COLUMNS + " FROM drafts WHERE caller = ? AND idempotency_key = ?", caller, idempotencyKey);
    }

    /** A draft whose event Kafka acknowledged; others do not exist as far as readers are concerned. */
    public Optional<DraftRow> findAccepted(UUID id) {
        return findOne("SELECT " + COLUMNS + " FROM drafts WHERE id = ? AND accepted", id);
    }

    public void markAccepted(UUID id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE drafts SET accepted = true WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Applies a status the pipeline reported, once per event id, and only forward: a late or repeated event
     * changes nothing. A report also proves the draft reached Kafka, so it counts as accepted.
     */
    @Transactional
    public void applyStatus(String eventId, UUID postId, DraftStatus status, String decisionJson, String publishResultsJson) {
        try (Connection c = db.getConnection()) {
            if (!ProcessedEvents.firstTime(c, eventId)) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE drafts SET status = ?, status_rank = ?, accepted = true, "
                    + "decision = coalesce(?::jsonb, decision), publish_results = coalesce(?::jsonb, publish_results), "
                    + "updated_at = now() WHERE id = ? AND status_rank <= ?")) {
                ps.setString(1, status.name());
                ps.setInt(2, status.rank());
                ps.setString(3, decisionJson);
                ps.setString(4, publishResultsJson);
                ps.setObject(5, postId);
                ps.setInt(6, status.rank());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private Optional<DraftRow> findOne(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DraftRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
