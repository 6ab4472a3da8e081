package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.rules.Rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs every rule of a policy over a draft and decides: any BLOCK finding rejects, any REVIEW finding sends the
 * draft to a person, otherwise it is approved. Plain Java, so it can be unit-tested and benchmarked alone.
 */
public final class PolicyEngine {

    private final List<Rule> rules;
    private final PolicyRef ref;

    public PolicyEngine(String policyId, String version, List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.ref = new PolicyRef(policyId, version, sha256(policyId + "\n" + version + "\n"
                + String.join("\n", rules.stream().map(Rule::id).toList())));
    }

    public PolicyRef policy() {
        return ref;
    }

    public Evaluation evaluate(Draft draft) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                findings.addAll(rule.check(draft));
            } catch (RuntimeException e) {
                // A broken rule must not let a draft through unchecked, nor drop it: a person looks at it.
                findings.add(new Finding("engine.error", Finding.Action.REVIEW, false,
                        "Rule " + rule.id() + " could not check this draft (" + e.getClass().getSimpleName() + "); review it by hand.",
                        "La règle " + rule.id() + " n'a pas pu vérifier cette ébauche; révisez-la manuellement.",
                        draft.language(), 0, 0, null, "Report the error to the operators."));
            }
        }
        return new Evaluation(decide(findings), riskScore(findings), findings, ref);
    }

    static Decision decide(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.action() == Finding.Action.BLOCK)) {
            return Decision.REJECTED;
        }
        if (findings.stream().anyMatch(f -> f.action() == Finding.Action.REVIEW)) {
            return Decision.NEEDS_REVIEW;
        }
        return Decision.APPROVED;
    }

    /** A rough 0-100 weight of what was found: a blocking finding alone is 60, each review finding 25. */
    static int riskScore(List<Finding> findings) {
        int score = 0;
        for (Finding f : findings) {
            score += switch (f.action()) {
                case BLOCK -> 60;
                case REVIEW -> 25;
                case ADVISORY -> 5;
            };
        }
        return Math.min(100, score);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
