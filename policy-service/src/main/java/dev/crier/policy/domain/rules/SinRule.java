package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * privacy.sin: a Canadian Social Insurance Number, nine digits written plain or grouped 3-3-3 with the same space or
 * hyphen, Luhn-valid and not starting with 0 or 8 (numbers no person holds), and not part of a longer number.
 */
public final class SinRule implements Rule {

    private static final Pattern SIN = Pattern.compile("(?<!\\d[ -]?)(\\d{3})([ -]?)(\\d{3})\\2(\\d{3})(?![ -]?\\d)");

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
            if (v.digits() < 9) {
                continue;
            }
            Matcher m = SIN.matcher(v.text());
            while (m.find()) {
                String digits = m.group(1) + m.group(3) + m.group(4);
                if (digits.charAt(0) != '0' && digits.charAt(0) != '8' && Luhn.isValid(digits)) {
                    findings.add(Found.at(id(), action, true, v, m.start(), m.end(), Masking.keepLastThreeDigits(m.group()),
                            "This looks like a Social Insurance Number. Never publish one.",
                            "Ceci ressemble à un numéro d'assurance sociale. N'en publiez jamais.",
                            "Remove the number; to reach the person, use a private channel."));
                }
            }
        }
        return findings;
    }
}
