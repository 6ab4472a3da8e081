package dev.crier.policy.domain.policy;

import dev.crier.events.PolicyRef;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy as its file states it: which rules run and how, and the organization's lists. The hash is the SHA-256
 * of the file's bytes, so a decision names exactly the text it was made under. {@code review} says what the review of
 * a draft in the queue needs (its file section is optional: {@link ReviewSettings#defaults()}).
 * {@code partyWords} are party names that are also common words (Liberal, Green): they count only right after one of
 * the {@code voteCalls}. {@code evaluationBudget} is how long the engine may spend on one draft.
 */
public record Policy(
        String id,
        String version,
        String profile,
        String hash,
        Map<String, RuleSettings> rules,
        List<String> allowedDomains,
        List<String> deniedDomains,
        List<String> shorteners,
        List<String> officialPhoneNumbers,
        List<String> restrictedNames,
        List<String> parties,
        List<String> partyWords,
        List<String> calls,
        List<String> voteCalls,
        List<String> slogans,
        ReviewSettings review,
        Duration evaluationBudget) {

    public static final Duration DEFAULT_EVALUATION_BUDGET = Duration.ofMillis(50);

    public PolicyRef ref() {
        return new PolicyRef(id, version, hash);
    }

    public Optional<RuleSettings> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    /** Whether {@code host} is one of the domains or a subdomain of one. */
    public static boolean inDomains(String host, List<String> domains) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String d : domains) {
            if (h.equals(d) || h.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
