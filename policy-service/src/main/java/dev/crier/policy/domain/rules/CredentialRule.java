package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * security.credential: secrets that protect the accounts and systems: a password with its value (three characters or
 * more), cloud and source-control tokens, JWTs, private keys, and internal host names and private IP addresses. Found
 * by the shared {@code Detector}; the secrets it finds only in context the policy does not judge (a value after
 * "token", a bearer token) the audit still masks.
 */
public final class CredentialRule implements Rule {

    private static final Map<Kind, String> NAMES = Map.of(
            Kind.PASSWORD, "a password",
            Kind.AWS_ACCESS_KEY, "an AWS access key id",
            Kind.GITHUB_TOKEN, "a GitHub token",
            Kind.SLACK_TOKEN, "a Slack token",
            Kind.JWT, "a JSON Web Token",
            Kind.PRIVATE_KEY, "a private key",
            Kind.INTERNAL_HOST, "an internal host name",
            Kind.PRIVATE_IP, "a private IP address");

    private final Finding.Action action;

    public CredentialRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "security.credential";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Detection d : v.detections()) {
                String name = NAMES.get(d.kind());
                if (name == null || d.kind() == Kind.PASSWORD && d.normalized().length() < 3) {
                    continue;
                }
                // The finding spans the word that revealed the secret too: "password: ..." reads as what it is.
                String found = v.text().substring(d.cueStart(), d.end());
                findings.add(Found.at(id(), action, true, v, d.cueStart(), d.end(), Masking.secret(found),
                        "This looks like " + name + ". Secrets and internal addresses must never be published.",
                        "Ceci ressemble à un secret ou à une adresse interne (" + name + "). Ne les publiez jamais.",
                        "Remove it; if a secret was exposed, have it changed."));
            }
        }
        return findings;
    }
}
