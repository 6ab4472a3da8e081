package dev.crier.events;

import java.time.Instant;
import java.util.List;

/**
 * On posts.decided (every decision) and on the route it took: posts.approved, posts.review or posts.rejected.
 * The draft travels with it so that no consumer has to ask policy-service; the spans of sensitive findings
 * are masked in it unless the draft was approved (what is approved is what gets published). Shadow findings come
 * from rules being tried out: recorded, never deciding. {@code review} is set when a person made the decision
 * (approved or rejected after review).
 * {@code signature} is policy-service's over the decision and what it lets be published; events from before signing
 * have none (readable, recorded by the audit, never published).
 */
public record PostDecided(
        String postId,
        Decision decision,
        int riskScore,
        List<Finding> findings,
        List<Finding> shadowFindings,
        PolicyRef policy,
        Instant decidedAt,
        Draft draft,
        Review review,
        DecisionSignature signature) implements PostEvent {

    public PostDecided {
        findings = findings == null ? List.of() : List.copyOf(findings);
        shadowFindings = shadowFindings == null ? List.of() : List.copyOf(shadowFindings);
    }

    /** An unsigned decision. */
    public PostDecided(String postId, Decision decision, int riskScore, List<Finding> findings,
                       List<Finding> shadowFindings, PolicyRef policy, Instant decidedAt, Draft draft, Review review) {
        this(postId, decision, riskScore, findings, shadowFindings, policy, decidedAt, draft, review, null);
    }

    /** An automatic decision. */
    public PostDecided(String postId, Decision decision, int riskScore, List<Finding> findings,
                       List<Finding> shadowFindings, PolicyRef policy, Instant decidedAt, Draft draft) {
        this(postId, decision, riskScore, findings, shadowFindings, policy, decidedAt, draft, null);
    }

    /** An automatic decision without shadow findings. */
    public PostDecided(String postId, Decision decision, int riskScore, List<Finding> findings, PolicyRef policy,
                       Instant decidedAt, Draft draft) {
        this(postId, decision, riskScore, findings, List.of(), policy, decidedAt, draft, null);
    }

    /**
     * The same decision, now taken by a person: the draft may carry a new publishAt that a comms-head gave it. Unsigned:
     * the automatic decision's signature does not cover it.
     */
    public PostDecided reviewed(Decision byPerson, Review by, Instant at, Draft finalDraft) {
        return new PostDecided(postId, byPerson, riskScore, findings, shadowFindings, policy, at, finalDraft, by, null);
    }

    /** The same decision over {@code other} (the draft unmasked, say). Unsigned: the signature covered the other draft. */
    public PostDecided withDraft(Draft other) {
        return new PostDecided(postId, decision, riskScore, findings, shadowFindings, policy, decidedAt, other, review, null);
    }

    /** This decision carrying {@code signed}. */
    public PostDecided signedWith(DecisionSignature signed) {
        return new PostDecided(postId, decision, riskScore, findings, shadowFindings, policy, decidedAt, draft, review, signed);
    }
}
