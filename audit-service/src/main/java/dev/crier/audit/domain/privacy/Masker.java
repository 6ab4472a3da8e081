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

    private record Rule(Pattern pattern, int group, String label, Predicate<String> accept) {
    }

    /** Longest and most specific first: a card number must not be half-masked as a phone number. */
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
                    0, "[secret]", m -> true),
            new Rule(Pattern.compile("(?i)\\b(?:password|passwd|pwd|passcode|pass phrase|passphrase|secret|api[_ -]?key"
                    + "|access[_ -]?key|token|mot de passe)\\b\\s*(?::|=|\\bis\\b|\\best\\b)\\s*[\"']?([^\\s\"',;]+)"),
                    1, "[secret]", m -> true),
            new Rule(Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]+=*)"), 1, "[secret]", m -> true),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"), 0, "[secret]", m -> true),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0, "[secret]", m -> true),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), 0,
                    "[email]", m -> true),
            new Rule(Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"), 0, "[card]", Masker::luhn),
            new Rule(Pattern.compile("(?<![\\d-])\\d{3}[ -]?\\d{3}[ -]?\\d{3}(?![\\d-])"), 0, "[SIN]", Masker::luhn),
            new Rule(Pattern.compile("(?<![\\d-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?![\\d-])"),
                    0, "[phone]", m -> true));

    private Masker() {
    }

    /** The text with every recognised span replaced by its label; the same string when nothing was found. */
    public static String mask(String text) {
        if (!mayHoldAny(text)) {
            return text;
        }
        String masked = text;
        for (Rule rule : RULES) {
            masked = apply(rule, masked);
        }
        return masked;
    }

    /** Words without which no credential rule can match (lower case); numbers and e-mails need a digit or an @. */
    private static final List<String> HINTS = List.of("pass", "pwd", "secret", "key", "token", "bearer", "eyj",
            "akia", "asia");

    /**
     * A cheap scan that rules out most text before any regular expression runs: every rule needs a digit, an @ or
     * one of {@link #HINTS}.
     */
    private static boolean mayHoldAny(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if ((ch >= '0' && ch <= '9') || ch == '@') {
                return true;
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String hint : HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
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
