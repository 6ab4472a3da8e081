package dev.crier.policy.domain;

import dev.crier.events.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists at most {@link #PER_VERSION} findings of one rule in one version, and sums up the rest in one finding. A
 * 100,000-character draft of one repeated word gave 20,000 findings, a 6 MB decision that Kafka refuses, so nothing
 * after it in the outbox was sent. The summary keeps what the omitted findings mean for the draft: their strongest
 * action (the decision does not change), and, when any of them was personal information or a secret, a span from
 * the first to the last of them, so that masking still covers every one.
 */
public final class FindingLimit {

    public static final int PER_VERSION = 20;

    private FindingLimit() {
    }

    /** {@code found}: what one rule found in a draft, in any order. */
    public static List<Finding> apply(List<Finding> found) {
        if (found.size() <= PER_VERSION) {
            return found;
        }
        Map<String, List<Finding>> byVersion = new LinkedHashMap<>();
        for (Finding f : found) {
            byVersion.computeIfAbsent(f.version(), v -> new ArrayList<>()).add(f);
        }
        List<Finding> kept = new ArrayList<>();
        for (List<Finding> inVersion : byVersion.values()) {
            if (inVersion.size() <= PER_VERSION) {
                kept.addAll(inVersion);
                continue;
            }
            kept.addAll(inVersion.subList(0, PER_VERSION));
            kept.add(summary(inVersion.subList(PER_VERSION, inVersion.size())));
        }
        return kept;
    }

    private static Finding summary(List<Finding> omitted) {
        Finding first = omitted.get(0);
        // Actions are declared strongest first.
        Finding.Action strongest = omitted.stream().map(Finding::action).min(Comparator.naturalOrder()).orElseThrow();
        boolean sensitive = omitted.stream().anyMatch(Finding::sensitive);
        int start = omitted.stream().mapToInt(Finding::start).min().orElseThrow();
        int end = omitted.stream().mapToInt(Finding::end).max().orElseThrow();
        int n = omitted.size();
        return new Finding(first.ruleId(), strongest, sensitive,
                n + " more findings of this rule in this version, from character " + start + " to " + end
                        + "; only the first " + PER_VERSION + " are listed.",
                n + " autres constats de cette règle dans cette version, du caractère " + start + " au caractère " + end
                        + "; seuls les " + PER_VERSION + " premiers sont listés.",
                first.version(), start, end, null, first.fix());
    }
}
