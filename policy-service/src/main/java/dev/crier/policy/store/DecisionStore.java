package dev.crier.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Draft;
import dev.crier.events.EventCodec;
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

    /** The event format's mapper: a draft kept here reads back exactly as it came on drafts.submitted. */
    private final ObjectMapper json = EventCodec.mapper();

    /** What the review queue takes from a post's decision: who submitted it and, when kept, the draft as submitted. */
    public record HeldForReview(String submittedBy, Optional<Draft> original) {
    }

    /**
     * Saves the decision and who submitted the draft (the review rules read it); deciding the same post again
     * overwrites it. {@code underReview} is the draft as submitted, for a draft routed to review, whose events carry
     * it masked; null otherwise.
     */
    public void save(Connection c, PostDecided decided, String submittedBy, Draft underReview) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO decisions (post_id, decision, risk_score, findings, policy_id, policy_version, policy_hash, decided_at,
                    submitted_by, draft_under_review)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (post_id) DO UPDATE SET decision = EXCLUDED.decision, risk_score = EXCLUDED.risk_score,
                    findings = EXCLUDED.findings, policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
                    policy_hash = EXCLUDED.policy_hash, decided_at = EXCLUDED.decided_at, submitted_by = EXCLUDED.submitted_by,
                    draft_under_review = EXCLUDED.draft_under_review""")) {
            ps.setObject(1, UUID.fromString(decided.postId()));
            ps.setString(2, decided.decision().name());
            ps.setInt(3, decided.riskScore());
            ps.setString(4, write(decided.findings()));
            ps.setString(5, decided.policy().id());
            ps.setString(6, decided.policy().version());
            ps.setString(7, decided.policy().hash());
            ps.setTimestamp(8, Timestamp.from(decided.decidedAt()));
            ps.setString(9, submittedBy);
            ps.setString(10, underReview == null ? null : write(underReview));
            ps.executeUpdate();
        }
    }

    /**
     * Who submitted the post and the draft as submitted, as kept with its decision (saved before the draft is sent to
     * posts.review). Empty for a post this service never decided (its review event came from elsewhere).
     */
    public Optional<HeldForReview> heldForReview(Connection c, String postId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT submitted_by, draft_under_review FROM decisions WHERE post_id = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String original = rs.getString(2);
                return Optional.of(new HeldForReview(rs.getString(1),
                        Optional.ofNullable(original == null ? null : read(original))));
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Draft read(String text) {
        try {
            return json.readValue(text, Draft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept draft does not read back", e);
        }
    }
}
