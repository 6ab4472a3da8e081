package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * privacy.sin: a Canadian Social Insurance Number, nine digits written plain or grouped 3-3-3 with the same
 * separator (any space, dash or dot; any decimal digits; zero-width characters ignored), Luhn-valid and not starting
 * with 0 or 8 (numbers no person holds), and not part of a longer number. Found by the shared {@code Detector}.
 */
public final class SinRule implements Rule {

    private final Finding.Action action;

    public SinRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "privacy.sin";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Detection d : v.detections()) {
                if (d.kind() == Kind.SIN) {
                    findings.add(Found.at(id(), action, true, v, d.start(), d.end(), Masking.keepLastThreeDigits(d.normalized()),
                            "This looks like a Social Insurance Number. Never publish one.",
                            "Ceci ressemble à un numéro d'assurance sociale. N'en publiez jamais.",
                            "Remove the number; to reach the person, use a private channel."));
                }
            }
        }
        return findings;
    }
}
