package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * privacy.payment-card: 13 to 19 digits, plain, grouped with spaces or dashes or dotted in fours (any decimal digits,
 * zero-width characters ignored), that pass the Luhn check. Found by the shared {@code Detector}.
 */
public final class PaymentCardRule implements Rule {

    private final Finding.Action action;

    public PaymentCardRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "privacy.payment-card";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Detection d : v.detections()) {
                if (d.kind() == Kind.PAYMENT_CARD) {
                    findings.add(Found.at(id(), action, true, v, d.start(), d.end(), Masking.keepLastThreeDigits(d.normalized()),
                            "This looks like a payment card number. Never publish one.",
                            "Ceci ressemble à un numéro de carte de paiement. N'en publiez jamais.",
                            "Remove the number."));
                }
            }
        }
        return findings;
    }
}
