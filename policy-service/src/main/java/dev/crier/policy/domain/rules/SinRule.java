package dev.crier.policy.domain.rules;

import dev.crier.events.Draft;
import dev.crier.events.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * privacy.sin: a Canadian Social Insurance Number, nine digits written plain or grouped 3-3-3 with spaces or
 * hyphens, Luhn-valid and not starting with 0 or 8 (numbers no person holds). Such a draft is blocked.
 */
public final class SinRule implements Rule {

    private static final Pattern SIN = Pattern.compile("(?<![\\d-])(\\d{3})([ -]?)(\\d{3})\\2(\\d{3})(?![\\d-])");

    @Override
    public String id() {
        return "privacy.sin";
    }

    @Override
    public List<Finding> check(Draft draft) {
        List<Finding> findings = new ArrayList<>();
        draft.versions().forEach((language, text) -> {
            Matcher m = SIN.matcher(text);
            while (m.find()) {
                String digits = m.group(1) + m.group(3) + m.group(4);
                if (digits.charAt(0) != '0' && digits.charAt(0) != '8' && Luhn.isValid(digits)) {
                    findings.add(new Finding(id(), Finding.Action.BLOCK, true,
                            "This looks like a Social Insurance Number. Never publish one.",
                            "Ceci ressemble à un numéro d'assurance sociale. N'en publiez jamais.",
                            language, m.start(), m.end(), Masking.keepLastThreeDigits(m.group()),
                            "Remove the number."));
                }
            }
        });
        return findings;
    }
}
