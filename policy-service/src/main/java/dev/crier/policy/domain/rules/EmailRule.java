package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.policy.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** privacy.email: an e-mail address outside the organization's own domains, likely a person's. */
public final class EmailRule implements Rule {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])([A-Za-z0-9._%+-]+)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})");

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
            if (!v.contains('@')) {
                continue;
            }
            Matcher m = EMAIL.matcher(v.text());
            while (m.find()) {
                if (!Policy.inDomains(m.group(2), allowedDomains)) {
                    String masked = m.group(1).charAt(0) + "***@" + m.group(2);
                    findings.add(Found.at(id(), action, true, v, m.start(), m.end(), masked,
                            "An e-mail address outside the organization's domains: is it a person's?",
                            "Une adresse courriel hors des domaines de l'organisation : est-ce celle d'une personne?",
                            "Use the organization's generic address (for example one at canada.ca)."));
                }
            }
        }
        return findings;
    }
}
