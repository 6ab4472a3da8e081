package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;

import java.util.List;

/**
 * What the engine made of a draft: the decision, a 0-100 risk score, the findings in force, the findings of rules in
 * shadow mode (recorded, never deciding), and the policy used.
 */
public record Evaluation(Decision decision, int riskScore, List<Finding> findings, List<Finding> shadowFindings,
                         PolicyRef policy) {
    public Evaluation {
        findings = List.copyOf(findings);
        shadowFindings = List.copyOf(shadowFindings);
    }
}
