package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * privacy.email: an e-mail address (zero-width characters and full-width forms read through, by the shared
 * {@code Detector}) outside the organization's own domains, likely a person's.
 */
public final class EmailRule implements Rule {

    private final Finding.Action action;
    private final List<String> allowedDomains;

    public EmailRule(Finding.Action action, List<String> allowedDomains) {
        this.action = action;
        this.allowedDomains = allowedDomains;
    }

    @Override
    public String id() {
        return "privacy.email";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Detection d : v.detections()) {
                if (d.kind() != Kind.EMAIL) {
                    continue;
                }
                String address = d.normalized();
                String domain = address.substring(address.indexOf('@') + 1);
                if (!Policy.inDomains(domain, allowedDomains)) {
                    findings.add(Found.at(id(), action, true, v, d.start(), d.end(), address.charAt(0) + "***@" + domain,
                            "An e-mail address outside the organization's domains: is it a person's?",
                            "Une adresse courriel hors des domaines de l'organisation : est-ce celle d'une personne?",
                            "Use the organization's generic address (for example one at canada.ca)."));
                }
            }
        }
        return findings;
    }
}
