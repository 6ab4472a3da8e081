package dev.crier.ingest.store;

import dev.crier.platform.store.StoreUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.ingest.domain.StatusReport;
import dev.crier.ingest.domain.Submitter;
import dev.crier.platform.store.ProcessedEvents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** ingest's drafts table: idempotency keys, acceptance, and the status the pipeline reports. */
@ApplicationScoped
public class DraftStore {

    private static final String COLUMNS = "id, caller, request_hash, external_id, accepted, status, decision::text, "
            + "publish_results::text, submitted_at, updated_at, review_history::text, retraction::text";

    private final AgroalDataSource db;
    private final ObjectMapper json;

    public DraftStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Records a draft before its event is sent, with its submitter (the token's subject and client); false when the
     * submitter already used this idempotency key.
     */
    public boolean insertPending(UUID id, Submitter submitter, String idempotencyKey, String requestHash, String externalId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO drafts (id, caller, caller_client, idempotency_key, request_hash, external_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (caller, idempotency_key) DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, submitter.subject());
            ps.setString(3, submitter.clientId());
            ps.setString(4, idempotencyKey);
            ps.setString(5, requestHash);
            ps.setString(6, externalId);
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
     * Applies what the pipeline reported, once per event id. The details are kept whatever order events arrive in
     * (they travel on different topics); the status only moves forward, so a late event never takes a draft back.
     * A report also proves the draft reached Kafka, so it counts as accepted.
     */
    @Transactional
    public void applyStatus(String eventId, UUID postId, StatusReport report) {
        try (Connection c = db.getConnection()) {
            if (!ProcessedEvents.firstTime(c, eventId)) {
                return;
            }
            String decision = write(report.decision());
            // Appended as a one-element array, so that "no step" (null) appends nothing.
            String step = report.reviewStep() == null ? null : write(List.of(report.reviewStep()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE drafts SET accepted = true, updated_at = now(), "
                    + "decision = coalesce(decision, ?::jsonb), publish_results = coalesce(?::jsonb, publish_results), "
                    + "review_history = review_history || coalesce(?::jsonb, '[]'::jsonb), "
                    + "retraction = coalesce(?::jsonb, retraction) WHERE id = ?")) {
                ps.setString(1, decision);
                ps.setString(2, write(report.publishResults()));
                ps.setString(3, step);
                ps.setString(4, write(report.retraction()));
                ps.setObject(5, postId);
                ps.executeUpdate();
            }
            if (report.status() == null) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE drafts SET status = ?, status_rank = ?, "
                    + "decision = coalesce(?::jsonb, decision) WHERE id = ? AND status_rank <= ?")) {
                ps.setString(1, report.status().name());
                ps.setInt(2, report.status().rank());
                ps.setString(3, decision);
                ps.setObject(4, postId);
                ps.setInt(5, report.status().rank());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
                        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(), rs.getString(11),
                        rs.getString(12)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
