package dev.crier.events;

import java.time.Instant;
import java.util.List;

/**
 * On posts.decided (every decision) and on the route it took: posts.approved, posts.review or posts.rejected.
 * The draft travels with it so that no consumer has to ask policy-service; the spans of sensitive findings
 * are masked in it whenever the draft was rejected. Shadow findings come from rules being tried out: recorded,
 * never deciding.
 */
public record PostDecided(
        String postId,
        Decision decision,
        int riskScore,
        List<Finding> findings,
        List<Finding> shadowFindings,
        PolicyRef policy,
        Instant decidedAt,
        Draft draft) implements PostEvent {

    public PostDecided {
        findings = findings == null ? List.of() : List.copyOf(findings);
        shadowFindings = shadowFindings == null ? List.of() : List.copyOf(shadowFindings);
    }

    /** A decision without shadow findings. */
    public PostDecided(String postId, Decision decision, int riskScore, List<Finding> findings, PolicyRef policy,
                       Instant decidedAt, Draft draft) {
        this(postId, decision, riskScore, findings, List.of(), policy, decidedAt, draft);
    }
}
