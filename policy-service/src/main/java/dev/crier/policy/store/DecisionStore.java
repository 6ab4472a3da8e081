package dev.crier.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.PostDecided;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * policy-service's record of the latest decision per post. Written inside the transaction of the batch of drafts
 * it belongs to (platform's {@code Database}, through {@code IncomingEvents}), with the events that report it.
 */
@ApplicationScoped
public class DecisionStore {

    private final ObjectMapper json;

    public DecisionStore(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Saves the decision and who submitted the draft (the review rules read it); deciding the same post again
     * overwrites it.
     */
    public void save(Connection c, PostDecided decided, String submittedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO decisions (post_id, decision, risk_score, findings, policy_id, policy_version, policy_hash, decided_at,
                    submitted_by)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (post_id) DO UPDATE SET decision = EXCLUDED.decision, risk_score = EXCLUDED.risk_score,
                    findings = EXCLUDED.findings, policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
                    policy_hash = EXCLUDED.policy_hash, decided_at = EXCLUDED.decided_at, submitted_by = EXCLUDED.submitted_by""")) {
            ps.setObject(1, UUID.fromString(decided.postId()));
            ps.setString(2, decided.decision().name());
            ps.setInt(3, decided.riskScore());
            ps.setString(4, write(decided));
            ps.setString(5, decided.policy().id());
            ps.setString(6, decided.policy().version());
            ps.setString(7, decided.policy().hash());
            ps.setTimestamp(8, Timestamp.from(decided.decidedAt()));
            ps.setString(9, submittedBy);
            ps.executeUpdate();
        }
    }

    /**
     * Who submitted the post, as kept with its decision (saved before the draft is sent to posts.review). Empty for
     * a post decided before submitters were kept.
     */
    public Optional<String> submitterOf(Connection c, String postId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT submitted_by FROM decisions WHERE post_id = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private String write(PostDecided decided) {
        try {
            return json.writeValueAsString(decided.findings());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
