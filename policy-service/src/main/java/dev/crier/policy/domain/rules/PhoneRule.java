package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * privacy.phone: a North American phone number (NANP: area code and exchange start with 2 to 9) that is neither one
 * of the policy's official numbers nor toll-free; likely a person's direct line.
 */
public final class PhoneRule implements Rule {

    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d+][ .-]?)(?<!\\d)(?:\\+?1[ .-]?)?(?:\\(([2-9]\\d{2})\\)|([2-9]\\d{2}))[ .-]?([2-9]\\d{2})[ .-]?(\\d{4})(?![ .-]?\\d)");
    private static final Set<String> TOLL_FREE = Set.of("800", "833", "844", "855", "866", "877", "888");

    private final Finding.Action action;
    private final Set<String> official;

    public PhoneRule(Finding.Action action, List<String> officialNumbers) {
        this.action = action;
        this.official = Set.copyOf(officialNumbers.stream().map(n -> n.replaceAll("\\D", "")).map(
                n -> n.length() == 11 && n.startsWith("1") ? n.substring(1) : n).toList());
    }

    @Override
    public String id() {
        return "privacy.phone";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            if (v.digits() < 10) {
                continue;
            }
            Matcher m = PHONE.matcher(v.text());
            while (m.find()) {
                String area = m.group(1) != null ? m.group(1) : m.group(2);
                String number = area + m.group(3) + m.group(4);
                if (!TOLL_FREE.contains(area) && !official.contains(number)) {
                    findings.add(Found.at(id(), action, true, v, m.start(), m.end(), Masking.keepLastThreeDigits(m.group()),
                            "A phone number that is not one of the organization's official or toll-free numbers.",
                            "Un numéro de téléphone qui n'est ni un numéro officiel ni un numéro sans frais.",
                            "Use the official or toll-free number listed in the policy."));
                }
            }
        }
        return findings;
    }
}
