package dev.crier.audit.domain.privacy;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the personal information and secrets that can be recognised without context: card numbers and Social
 * Insurance Numbers (both Luhn-checked, so ordinary numbers stay readable), e-mail addresses, North American phone
 * numbers, and credentials (a value after password/secret/token/api key, bearer tokens, JWTs, AWS access keys).
 * Each is replaced by a label in brackets that keeps no character of it. Written here, not borrowed from
 * policy-service, because the audit cannot depend on another service and must mask even what a policy missed.
 */
public final class Masker {

    /**
     * A pattern, its span's label and check, and a gate: one of the {@link #gates} bits, true of every text the
     * pattern can find something in (a string the pattern cannot match without, or a run of digits), so that the
     * regular expression runs only on the few texts that pass. {@code MaskerTest} checks each gate against its pattern.
     */
    record Rule(Pattern pattern, int group, String label, Predicate<String> accept, int gate) {
    }

    private static final int PRIVATE_KEY = 1;
    private static final int CREDENTIAL_WORD = 1 << 1;
    private static final int BEARER = 1 << 2;
    private static final int JWT = 1 << 3;
    private static final int AWS_KEY = 1 << 4;
    private static final int AT_SIGN = 1 << 5;
    /**
     * {@value #DIGIT_RUN_MIN} digits or more in a row, each separated from the next by at most {@value #DIGIT_GAP_MAX}
     * of " .-()+": what every card, SIN and phone number is made of. Dates, times and short numbers, the digits most
     * text holds, lack it.
     */
    static final int DIGIT_RUN = 1 << 6;

    /** Longest and most specific first: a card number must not be half-masked as a phone number. */
    static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
                    0, "[secret]", m -> true, PRIVATE_KEY),
            new Rule(Pattern.compile("(?i)\\b(?:password|passwd|pwd|passcode|pass phrase|passphrase|secret|api[_ -]?key"
                    + "|access[_ -]?key|token|mot de passe)\\b\\s*(?::|=|\\bis\\b|\\best\\b)\\s*[\"']?([^\\s\"',;]+)"),
                    1, "[secret]", m -> true, CREDENTIAL_WORD),
            new Rule(Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]+=*)"), 1, "[secret]", m -> true, BEARER),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"), 0, "[secret]", m -> true,
                    JWT),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0, "[secret]", m -> true, AWS_KEY),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), 0,
                    "[email]", m -> true, AT_SIGN),
            new Rule(Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"), 0, "[card]", Masker::luhn,
                    DIGIT_RUN),
            new Rule(Pattern.compile("(?<![\\d-])\\d{3}[ -]?\\d{3}[ -]?\\d{3}(?![\\d-])"), 0, "[SIN]", Masker::luhn,
                    DIGIT_RUN),
            new Rule(Pattern.compile("(?<![\\d-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?![\\d-])"),
                    0, "[phone]", m -> true, DIGIT_RUN));

    /** The fewest digits a number rule matches: a SIN's nine (a card has 13 or more, a phone number 10 or 11). */
    private static final int DIGIT_RUN_MIN = 9;
    /** The most separator characters between two digits of a number rule: a phone's ") " or " (". */
    private static final int DIGIT_GAP_MAX = 2;

    private Masker() {
    }

    /** The text with every recognised span replaced by its label; the same string when nothing was found. */
    public static String mask(String text) {
        String masked = text;
        int gates = gates(masked);
        for (int r = 0; gates != 0 && r < RULES.size(); r++) {
            Rule rule = RULES.get(r);
            if ((gates & rule.gate) != 0) {
                String after = apply(rule, masked);
                if (after != masked) {
                    // Each gate looks at the text as the earlier rules left it, the text its pattern will search.
                    masked = after;
                    gates = gates(masked);
                }
            }
        }
        return masked;
    }

    /**
     * The gates a text opens, found in one pass over it (most strings of an event open none, and then no regular
     * expression runs): the markers the patterns cannot match without ("-----BEGIN ", "eyJ", "AKIA" or "ASIA", "@"),
     * their keywords in any ASCII case (as their {@code (?i)} folds), and a run of digits ({@link #DIGIT_RUN}).
     */
    static int gates(String text) {
        int gates = 0;
        int run = 0;
        int gap = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                run = gap <= DIGIT_GAP_MAX ? run + 1 : 1;
                gap = 0;
                if (run >= DIGIT_RUN_MIN) {
                    gates |= DIGIT_RUN;
                }
                continue;
            }
            if (isDigitSeparator(ch)) {
                gap++;
                if (ch == '-' && text.startsWith("-----BEGIN ", i)) {
                    gates |= PRIVATE_KEY;
                }
                continue;
            }
            run = 0;
            gap = 0;
            switch (lowerAscii(ch)) {
                case '@' -> gates |= AT_SIGN;
                case 'p' -> gates |= matchesAt(text, i, "pass") || matchesAt(text, i, "pwd") ? CREDENTIAL_WORD : 0;
                case 's' -> gates |= matchesAt(text, i, "secret") ? CREDENTIAL_WORD : 0;
                case 'k' -> gates |= matchesAt(text, i, "key") ? CREDENTIAL_WORD : 0;
                case 't' -> gates |= matchesAt(text, i, "token") ? CREDENTIAL_WORD : 0;
                case 'b' -> gates |= matchesAt(text, i, "bearer") ? BEARER : 0;
                case 'e' -> gates |= text.startsWith("eyJ", i) ? JWT : 0;
                case 'a' -> gates |= text.startsWith("AKIA", i) || text.startsWith("ASIA", i) ? AWS_KEY : 0;
                default -> {
                }
            }
        }
        return gates;
    }

    private static boolean isDigitSeparator(char ch) {
        return ch == ' ' || ch == '.' || ch == '-' || ch == '(' || ch == ')' || ch == '+';
    }

    /** Whether {@code word} (lower-case ASCII) is at {@code at} in the text, in any ASCII case. */
    private static boolean matchesAt(String text, int at, String word) {
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lowerAscii(text.charAt(at + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char ch) {
        return ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
    }

    private static String apply(Rule rule, String text) {
        Matcher m = rule.pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!rule.accept.test(m.group(rule.group))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start(rule.group)).append(rule.label);
            last = m.end(rule.group);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** The Luhn checksum that card numbers and SINs carry; separators are ignored. */
    static boolean luhn(String number) {
        int sum = 0;
        boolean twice = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char ch = number.charAt(i);
            if (ch < '0' || ch > '9') {
                continue;
            }
            int d = ch - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
