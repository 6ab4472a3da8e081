package dev.crier.policy.domain.policy;

import dev.crier.events.Finding;

import java.util.Map;

/**
 * How the policy file sets one rule: its action, the lesser action some rules use for lighter findings
 * (mild profanity, a shortened link), whether it runs in shadow, and the rule's own options.
 */
public record RuleSettings(Finding.Action action, Finding.Action lesserAction, boolean shadow, Map<String, Object> options) {

    public RuleSettings {
        options = Map.copyOf(options);
    }

    public Finding.Action lesserOrMain() {
        return lesserAction == null ? action : lesserAction;
    }

    public double number(String option, double fallback) {
        Object value = options.get(option);
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
