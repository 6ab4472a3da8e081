package dev.crier.events;

/**
 * One thing the policy found in a draft. Offsets are UTF-16 indexes into the named version's text;
 * {@code excerpt} is already masked where the finding is personal information or a secret.
 */
public record Finding(
        String ruleId,
        Action action,
        boolean sensitive,
        String message,
        String messageFr,
        String version,
        int start,
        int end,
        String excerpt,
        String fix) {

    /** What a finding does to the decision; ADVISORY findings inform and never block. */
    public enum Action {
        BLOCK, REVIEW, ADVISORY
    }
}
