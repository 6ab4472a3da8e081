package dev.crier.events;

import java.time.Instant;
import java.util.List;

/**
 * On posts.decided (every decision) and on the route it took: posts.approved, posts.review or posts.rejected.
 * The draft travels with it so that no consumer has to ask policy-service; the spans of sensitive findings
 * are masked in it whenever the draft was rejected.
 */
public record PostDecided(
        String postId,
        Decision decision,
        int riskScore,
        List<Finding> findings,
        PolicyRef policy,
        Instant decidedAt,
        Draft draft) {

    public PostDecided {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
