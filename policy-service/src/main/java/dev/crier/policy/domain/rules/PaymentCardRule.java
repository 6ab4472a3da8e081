package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** privacy.payment-card: 13 to 19 digits, plain or grouped with spaces or hyphens, that pass the Luhn check. */
public final class PaymentCardRule implements Rule {

    private static final Pattern CARD = Pattern.compile("(?<!\\d[ -]?)\\d(?:[ -]?\\d){12,18}(?![ -]?\\d)");

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
            if (v.digits() < 13) {
                continue;
            }
            Matcher m = CARD.matcher(v.text());
            while (m.find()) {
                String digits = m.group().replaceAll("[ -]", "");
                if (Luhn.isValid(digits)) {
                    findings.add(Found.at(id(), action, true, v, m.start(), m.end(), Masking.keepLastThreeDigits(m.group()),
                            "This looks like a payment card number. Never publish one.",
                            "Ceci ressemble à un numéro de carte de paiement. N'en publiez jamais.",
                            "Remove the number."));
                }
            }
        }
        return findings;
    }
}
