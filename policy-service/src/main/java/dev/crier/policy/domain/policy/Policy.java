package dev.crier.policy.domain.policy;

import dev.crier.events.PolicyRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy as its file states it: which rules run and how, and the organization's lists. The hash is the SHA-256
 * of the file's bytes, so a decision names exactly the text it was made under. {@code review} says what the review of
 * a draft in the queue needs (its file section is optional: {@link ReviewSettings#defaults()}).
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
        List<String> calls,
        List<String> slogans,
        ReviewSettings review) {

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
