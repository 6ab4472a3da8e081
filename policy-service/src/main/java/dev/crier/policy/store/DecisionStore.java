package dev.crier.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.PostDecided;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/** policy-service's record of the latest decision per post. */
@ApplicationScoped
public class DecisionStore {

    private final AgroalDataSource db;
    private final ObjectMapper json;

    public DecisionStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Saves the decision and who submitted the draft (the review rules read it); deciding the same post again (a
     * redelivery) overwrites it with the same values.
     */
    public void save(PostDecided decided, String submittedBy) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO decisions (post_id, decision, risk_score, findings, policy_id, policy_version, policy_hash, decided_at,
                    submitted_by)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (post_id) DO UPDATE SET decision = EXCLUDED.decision, risk_score = EXCLUDED.risk_score,
                    findings = EXCLUDED.findings, policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
                    policy_hash = EXCLUDED.policy_hash, decided_at = EXCLUDED.decided_at, submitted_by = EXCLUDED.submitted_by""")) {
            ps.setObject(1, UUID.fromString(decided.postId()));
            ps.setString(2, decided.decision().name());
            ps.setInt(3, decided.riskScore());
            ps.setString(4, json.writeValueAsString(decided.findings()));
            ps.setString(5, decided.policy().id());
            ps.setString(6, decided.policy().version());
            ps.setString(7, decided.policy().hash());
            ps.setTimestamp(8, Timestamp.from(decided.decidedAt()));
            ps.setString(9, submittedBy);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the decision for " + decided.postId(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
