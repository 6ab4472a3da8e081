package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every rule of a policy over a draft and decides: any BLOCK finding rejects, any REVIEW finding sends the
 * draft to a person, otherwise it is approved. Rules in shadow mode run and are recorded but do not decide.
 * Plain Java, so it can be unit-tested and benchmarked alone; immutable, so one instance serves every thread.
 */
public final class PolicyEngine {

    private final PolicyRef ref;
    private final List<Rule> rules;
    private final Set<String> shadow;

    public PolicyEngine(PolicyRef ref, List<Rule> rules, Set<String> shadow) {
        this.ref = ref;
        this.rules = List.copyOf(rules);
        this.shadow = Set.copyOf(shadow);
    }

    /** The engine for a policy file, with every rule the file names. */
    public static PolicyEngine of(Policy policy, RuleBook book) {
        List<String> inShadow = policy.rules().entrySet().stream().filter(e -> e.getValue().shadow()).map(java.util.Map.Entry::getKey).toList();
        return new PolicyEngine(policy.ref(), book.rulesFor(policy), Set.copyOf(inShadow));
    }

    public PolicyRef policy() {
        return ref;
    }

    public Evaluation evaluate(Draft draft) {
        ScannedDraft scanned = new ScannedDraft(draft);
        List<Finding> findings = new ArrayList<>();
        List<Finding> shadowFindings = new ArrayList<>();
        for (Rule rule : rules) {
            List<Finding> found;
            try {
                found = rule.check(scanned);
            } catch (RuntimeException e) {
                // A broken rule must not let a draft through unchecked, nor drop it: a person looks at it.
                found = List.of(new Finding("engine.error", Finding.Action.REVIEW, false,
                        "Rule " + rule.id() + " could not check this draft (" + e.getClass().getSimpleName() + "); review it by hand.",
                        "La règle " + rule.id() + " n'a pas pu vérifier cette ébauche; révisez-la manuellement.",
                        draft.language(), 0, 0, null, "Report the error to the operators."));
            }
            (shadow.contains(rule.id()) ? shadowFindings : findings).addAll(found);
        }
        return new Evaluation(decide(findings), riskScore(findings), findings, shadowFindings, ref);
    }

    static Decision decide(List<Finding> findings) {
        Decision decision = Decision.APPROVED;
        for (Finding f : findings) {
            if (f.action() == Finding.Action.BLOCK) {
                return Decision.REJECTED;
            }
            if (f.action() == Finding.Action.REVIEW) {
                decision = Decision.NEEDS_REVIEW;
            }
        }
        return decision;
    }

    /** A rough 0-100 weight of what was found: a blocking finding alone is 60, each review finding 25, advice 5. */
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
}
