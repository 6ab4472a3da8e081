package dev.crier.ingest.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.ingest.domain.StatusReport;
import dev.crier.ingest.domain.Submitter;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.store.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * ingest's drafts table: idempotency keys, acceptance, and the status the pipeline reports. A draft is accepted
 * from the transaction that puts its drafts.submitted event in the outbox, until {@link #takeBack} removes that
 * event unsent; readers see it once the event has left the outbox for Kafka.
 */
@ApplicationScoped
public class DraftStore {

    private static final String COLUMNS = "id, caller, request_hash, external_id, accepted, status, decision::text, "
            + "publish_results::text, submitted_at, updated_at, review_history::text, retraction::text";
    /**
     * platform's OutboxRelay sends and deletes outbox rows holding this transaction-scoped advisory lock (its LOCK,
     * "crier" in ASCII; private there): taking it too, {@link #takeBack} never removes an event the relay is sending.
     */
    private static final long OUTBOX_RELAY_LOCK = 0x6372696572L;

    private final Database database;
    private final Outbox outbox;
    private final ObjectMapper json;

    public DraftStore(Database database, Outbox outbox, ObjectMapper json) {
        this.database = database;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Records an accepted draft with its submitter (the token's subject and client), in the caller's transaction;
     * false when the submitter already used this idempotency key.
     */
    public boolean insertAccepted(Connection c, UUID id, Submitter submitter, String idempotencyKey, String requestHash,
                                  String externalId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO drafts (id, caller, caller_client, idempotency_key, request_hash, external_id, accepted) "
                        + "VALUES (?, ?, ?, ?, ?, ?, true) ON CONFLICT (caller, idempotency_key) DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, submitter.subject());
            ps.setString(3, submitter.clientId());
            ps.setString(4, idempotencyKey);
            ps.setString(5, requestHash);
            ps.setString(6, externalId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<DraftRow> findByKey(Connection c, String caller, String idempotencyKey) throws SQLException {
        return findOne(c, "SELECT " + COLUMNS + " FROM drafts WHERE caller = ? AND idempotency_key = ?", caller,
                idempotencyKey);
    }

    /** Accepts again a draft whose event was taken back, in the caller's transaction. */
    public void markAccepted(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE drafts SET accepted = true WHERE id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    /** Whether the draft's event is still in the outbox, not yet on Kafka. */
    public boolean unsent(Connection c, UUID id) throws SQLException {
        return outbox.waiting(c, id.toString());
    }

    /** A draft whose event Kafka acknowledged; others do not exist as far as readers are concerned. */
    public Optional<DraftRow> findAccepted(UUID id) {
        return database.inTransaction(c -> {
            Optional<DraftRow> row = findOne(c, "SELECT " + COLUMNS + " FROM drafts WHERE id = ? AND accepted", id);
            return row.isPresent() && unsent(c, id) ? Optional.empty() : row;
        });
    }

    /**
     * Settles a draft whose send may have failed, as the relay cannot change its mind: true when its event has left
     * the outbox for Kafka; else its event is removed from the outbox unsent and the draft is no longer accepted
     * (false).
     */
    public boolean takeBack(UUID id, String eventId) {
        return database.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OUTBOX_RELAY_LOCK);
                lock.execute();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE event_id = ?")) {
                delete.setString(1, eventId);
                if (delete.executeUpdate() == 1) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE drafts SET accepted = false WHERE id = ?")) {
                        ps.setObject(1, id);
                        ps.executeUpdate();
                    }
                    return false;
                }
            }
            // Gone from the outbox: the relay sent it, unless a take-back before this one removed it.
            return findOne(c, "SELECT " + COLUMNS + " FROM drafts WHERE id = ?", id).map(DraftRow::accepted)
                    .orElse(false);
        });
    }

    /**
     * Applies what the pipeline reported, in the caller's transaction (which recorded the event id as new), in one
     * statement. The details are kept whatever order events arrive in (they travel on different topics); the status
     * only moves forward, so a late event never takes a draft back; the decision shown is the first one, unless a
     * later one moves the status. A report also proves the draft reached Kafka, so it counts as accepted.
     */
    public void applyStatus(Connection c, UUID postId, StatusReport report) throws SQLException {
        // Every SET expression sees the row as it was, so "moves" is the same test for all of them.
        String moves = "r.status IS NOT NULL AND d.status_rank <= r.status_rank";
        try (PreparedStatement ps = c.prepareStatement("UPDATE drafts d SET accepted = true, updated_at = now(), "
                + "status = CASE WHEN " + moves + " THEN r.status ELSE d.status END, "
                + "status_rank = CASE WHEN " + moves + " THEN r.status_rank ELSE d.status_rank END, "
                + "decision = CASE WHEN " + moves + " THEN coalesce(r.decision, d.decision) "
                + "ELSE coalesce(d.decision, r.decision) END, "
                + "publish_results = coalesce(r.publish_results, d.publish_results), "
                + "review_history = d.review_history || coalesce(r.step, '[]'::jsonb), "
                + "retraction = coalesce(r.retraction, d.retraction) "
                + "FROM (VALUES (?::text, ?::int, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)) "
                + "AS r (status, status_rank, decision, publish_results, step, retraction) WHERE d.id = ?")) {
            ps.setString(1, report.status() == null ? null : report.status().name());
            ps.setInt(2, report.status() == null ? 0 : report.status().rank());
            ps.setString(3, write(report.decision()));
            ps.setString(4, write(report.publishResults()));
            // Appended as a one-element array, so that "no step" (null) appends nothing.
            ps.setString(5, report.reviewStep() == null ? null : write(List.of(report.reviewStep())));
            ps.setString(6, write(report.retraction()));
            ps.setObject(7, postId);
            ps.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<DraftRow> findOne(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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
        }
    }
}
