package dev.crier.stack;

import dev.crier.audit.domain.privacy.Masker;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.rules.CredentialRule;
import dev.crier.policy.domain.rules.EmailRule;
import dev.crier.policy.domain.rules.PaymentCardRule;
import dev.crier.policy.domain.rules.PhoneRule;
import dev.crier.policy.domain.rules.Rule;
import dev.crier.policy.domain.rules.SinRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the policy flags as personal information or a secret, the audit masks: the real privacy and credential
 * rules of policy-service and the real masker of audit-service over generated texts (digits of many scripts,
 * separators, format characters, letters, emoji, e-mail addresses, tokens, numbers that pass the checksum, noise).
 * Plain JUnit with a seeded {@link Random}: the machine builds offline and no property-test library (jqwik) is in
 * the local repository; a fixed seed also makes a failure repeatable as it is.
 */
class PrivacyAgreementTest {

    /** No allowed domains and no official numbers: the policy flags all it can, the strictest test of the masker. */
    private static final List<Rule> RULES = List.of(new SinRule(Finding.Action.BLOCK), new PaymentCardRule(Finding.Action.BLOCK),
            new EmailRule(Finding.Action.REVIEW, List.of()), new PhoneRule(Finding.Action.REVIEW, List.of()),
            new CredentialRule(Finding.Action.BLOCK));
    /** The five rules as the engine runs them; a budget no text here comes near, so findings never depend on load. */
    private static final PolicyEngine ENGINE = new PolicyEngine(new PolicyRef("privacy-agreement", "1", "-"), RULES,
            Set.of(), Duration.ofMinutes(1), System::nanoTime);

    /** The zero of each script's decimal digits: ASCII, full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai, math bold. */
    private static final int[] ZEROS = {'0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE};
    private static final List<String> SEPARATORS = List.of(" ", "\u00A0", "\u202F", "\u2009", "\u3000", "-", "\u2010",
            "\u2011", "\u2013", "\u2014", ".", "\u00B7", "(", ")", "+", "\uFF08", "\uFF09", "  ", "/");
    private static final List<String> FORMAT = List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD");
    private static final List<String> WORDS = List.of("the ", "Pat", "é", "ß", "password", "Passwd", "mot de passe", "token",
            "Bearer ", "api_key", "secret", ":", "=", " is ", " est ", "\"", "'", ",", ";", "\n", "\t", "😀",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDE8\uD83C\uDDE6", "@", "\uFF20", "pat.smith",
            "gmail.com", "canada.ca", "x-y", ".", "_", "%", "eyJ", "eyJhbGciOiJIUzI1NiJ9", "AKIA", "\uFF21\uFF2B\uFF29\uFF21",
            "IOSFODNN7EXAMPLE", "ghp_", "github_pat_", "abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-",
            "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "MIIEvQ", "build01", ".corp", ".internal", ".lan",
            "10.", "172.16.", "192.168.", "1.2", "2030-01-01", "09:30");
    private static final List<String> LOCAL_PARTS = List.of("pat.smith", "a", "x_y+tag", "-", "d%7", ".", "j\u00E9");
    private static final List<String> DOMAINS = List.of("gmail.com", "canada.ca", "hc-sc.gc.ca", "x", "-a.com", "a.b.c.org",
            "mail.example.c0m", "localhost", "build01.corp");

    /** Numbers that pass their checks (and a few that do not), to be written every which way. */
    private static final List<String> NUMBERS = List.of("130692544", "046454286", "846454286", "130692545",
            "4111111111111111", "5500000000000004", "378282246310005", "4111111111111112", "6135550199", "16135550199",
            "8005550199", "2125550123");

    @Test
    void whateverThePolicyFlagsTheAuditMasks() {
        Random random = new Random(20261207);
        Map<String, Integer> flagged = new TreeMap<>();
        for (int n = 0; n < 30_000; n++) {
            String text = text(random);
            List<Finding> findings = ENGINE.evaluate(new Draft(text, "en", Map.of(), List.of("sandbox"), List.of(),
                    new Draft.Author("u-1", null, null), null, null, null, null)).findings();
            String masked = Masker.mask(text);
            BitSet hidden = maskedChars(text, masked);
            for (Finding f : findings) {
                flagged.merge(f.ruleId(), 1, Integer::sum);
                assertThat(hidden.nextClearBit(f.start())).as("%s at [%d, %d) of \"%s\", masked \"%s\"", f.ruleId(),
                        f.start(), f.end(), text, masked).isGreaterThanOrEqualTo(f.end());
            }
        }
        System.out.println("PrivacyAgreementTest: policy findings checked against the audit's mask " + flagged);
        assertThat(flagged.keySet()).containsExactlyInAnyOrder("privacy.sin", "privacy.payment-card", "privacy.email",
                "privacy.phone", "security.credential");
    }

    /** Which characters of {@code text} the masker replaces, checked against what it writes. */
    private static BitSet maskedChars(String text, String masked) {
        BitSet hidden = new BitSet(text.length());
        StringBuilder rebuilt = new StringBuilder();
        int last = 0;
        for (Masker.Span span : Masker.spans(text)) {
            hidden.set(span.start(), span.end());
            rebuilt.append(text, last, span.start()).append(span.label());
            last = span.end();
        }
        assertThat(rebuilt.append(text.substring(last)).toString()).isEqualTo(masked);
        return hidden;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int k = random.nextInt(12); k >= 0; k--) {
            switch (random.nextInt(8)) {
                case 0, 1 -> text.append(number(NUMBERS.get(random.nextInt(NUMBERS.size())), random));
                case 2 -> text.append(number(Integer.toString(random.nextInt(100_000)), random));
                case 3 -> text.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
                case 4 -> text.append(FORMAT.get(random.nextInt(FORMAT.size())));
                case 5 -> text.append(WORDS.get(random.nextInt(WORDS.size())));
                case 6 -> text.append(slipFormat(LOCAL_PARTS.get(random.nextInt(LOCAL_PARTS.size())), random))
                        .append(random.nextInt(4) == 0 ? "\uFF20" : "@")
                        .append(slipFormat(DOMAINS.get(random.nextInt(DOMAINS.size())), random));
                default -> text.appendCodePoint(noise(random));
            }
        }
        return text.toString();
    }

    /** The text with a format character slipped in at a random place, one time in two. */
    private static String slipFormat(String text, Random random) {
        if (random.nextBoolean()) {
            return text;
        }
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + FORMAT.get(random.nextInt(FORMAT.size())) + text.substring(at);
    }

    /** The digits in one script, grouped by one separator at random places, with format characters slipped in. */
    private static String number(String digits, Random random) {
        int zero = ZEROS[random.nextInt(ZEROS.length)];
        String separator = random.nextBoolean() ? "" : SEPARATORS.get(random.nextInt(SEPARATORS.size()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && random.nextInt(4) == 0) {
                out.append(separator);
            }
            if (random.nextInt(12) == 0) {
                out.append(FORMAT.get(random.nextInt(FORMAT.size())));
            }
            out.appendCodePoint(zero + digits.charAt(i) - '0');
        }
        return out.toString();
    }

    /** Any assigned code point but controls and lone surrogates. */
    private static int noise(Random random) {
        while (true) {
            int cp = random.nextInt(8) == 0 ? 0x1F300 + random.nextInt(0x300) : random.nextInt(0x3100);
            if (Character.isDefined(cp) && !Character.isSurrogate((char) cp) && cp >= ' ') {
                return cp;
            }
        }
    }
}
