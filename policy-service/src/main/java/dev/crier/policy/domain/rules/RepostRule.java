package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.policy.Policy;

import java.util.List;

/** sharing.repost: sharing a source outside the organization's domains; would it look right coming from us? */
public final class RepostRule implements Rule {

    private final Finding.Action action;
    private final List<String> allowedDomains;

    public RepostRule(Finding.Action action, List<String> allowedDomains) {
        this.action = action;
        this.allowedDomains = allowedDomains;
    }

    @Override
    public String id() {
        return "sharing.repost";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        String source = draft.draft().repostOf();
        if (source == null) {
            return List.of();
        }
        String host = LinkRule.hostOf(source).orElse(source);
        if (Policy.inDomains(host, allowedDomains)) {
            return List.of();
        }
        return List.of(new Finding(id(), action, false,
                "A repost of " + host + ": make sure it would not look bad coming from a government account.",
                "Un partage de " + host + " : assurez-vous qu'il conviendrait à un compte gouvernemental.",
                "repostOf", 0, source.length(), source, "Have a reviewer confirm the source is appropriate."));
    }
}
