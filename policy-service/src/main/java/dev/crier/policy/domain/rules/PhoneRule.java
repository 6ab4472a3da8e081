package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * privacy.phone: a North American phone number (NANP: area code and exchange start with 2 to 9; found by the shared
 * {@code Detector}, whatever its separators and digits) that is neither one of the policy's official numbers nor
 * toll-free; likely a person's direct line.
 */
public final class PhoneRule implements Rule {

    private static final Set<String> TOLL_FREE = Set.of("800", "833", "844", "855", "866", "877", "888");

    private final Finding.Action action;
    private final Set<String> official;

    public PhoneRule(Finding.Action action, List<String> officialNumbers) {
        this.action = action;
        this.official = Set.copyOf(officialNumbers.stream().map(PhoneRule::tenDigits).toList());
    }

    /** The number without its separators and leading 1. */
    private static String tenDigits(String number) {
        String digits = number.replaceAll("\\D", "");
        return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
    }

    @Override
    public String id() {
        return "privacy.phone";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (Detection d : v.detections()) {
                if (d.kind() != Kind.PHONE) {
                    continue;
                }
                String number = tenDigits(d.normalized());
                if (!TOLL_FREE.contains(number.substring(0, 3)) && !official.contains(number)) {
                    findings.add(Found.at(id(), action, true, v, d.start(), d.end(), Masking.keepLastThreeDigits(d.normalized()),
                            "A phone number that is not one of the organization's official or toll-free numbers.",
                            "Un numéro de téléphone qui n'est ni un numéro officiel ni un numéro sans frais.",
                            "Use the official or toll-free number listed in the policy."));
                }
            }
        }
        return findings;
    }
}
