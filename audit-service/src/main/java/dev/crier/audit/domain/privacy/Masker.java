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
     * A pattern, its span's label and check, and a gate: a cheap scan that is true of every text the pattern can
     * find something in (a string the pattern cannot match without, or a run of digits), so that the regular
     * expression runs only on the few texts that pass. {@code MaskerTest} checks each gate against its pattern.
     */
    record Rule(Pattern pattern, int group, String label, Predicate<String> accept, Predicate<String> gate) {
    }

    /** Longest and most specific first: a card number must not be half-masked as a phone number. */
    static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
                    0, "[secret]", m -> true, t -> t.contains("-----BEGIN ")),
            new Rule(Pattern.compile("(?i)\\b(?:password|passwd|pwd|passcode|pass phrase|passphrase|secret|api[_ -]?key"
                    + "|access[_ -]?key|token|mot de passe)\\b\\s*(?::|=|\\bis\\b|\\best\\b)\\s*[\"']?([^\\s\"',;]+)"),
                    1, "[secret]", m -> true, AnyWord.of("pass", "pwd", "secret", "key", "token")),
            new Rule(Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]+=*)"), 1, "[secret]", m -> true,
                    AnyWord.of("bearer")),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"), 0, "[secret]", m -> true,
                    t -> t.contains("eyJ")),
            new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0, "[secret]", m -> true,
                    t -> t.contains("AKIA") || t.contains("ASIA")),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), 0,
                    "[email]", m -> true, t -> t.indexOf('@') >= 0),
            new Rule(Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"), 0, "[card]", Masker::luhn,
                    Masker::holdsDigitRun),
            new Rule(Pattern.compile("(?<![\\d-])\\d{3}[ -]?\\d{3}[ -]?\\d{3}(?![\\d-])"), 0, "[SIN]", Masker::luhn,
                    Masker::holdsDigitRun),
            new Rule(Pattern.compile("(?<![\\d-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)|\\d{3})[ .-]?\\d{3}[ .-]?\\d{4}(?![\\d-])"),
                    0, "[phone]", m -> true, Masker::holdsDigitRun));

    /** The fewest digits a number rule matches: a SIN's nine (a card has 13 or more, a phone number 10 or 11). */
    private static final int DIGIT_RUN_MIN = 9;
    /** The most separator characters between two digits of a number rule: a phone's ") " or " (". */
    private static final int DIGIT_GAP_MAX = 2;

    private Masker() {
    }

    /** The text with every recognised span replaced by its label; the same string when nothing was found. */
    public static String mask(String text) {
        String masked = text;
        for (Rule rule : RULES) {
            // Each gate looks at the text as the earlier rules left it, the text its pattern will search.
            if (rule.gate.test(masked)) {
                masked = apply(rule, masked);
            }
        }
        return masked;
    }

    /**
     * Whether the text has {@value #DIGIT_RUN_MIN} digits or more in a row, each separated from the next by at most
     * {@value #DIGIT_GAP_MAX} of " .-()+": what every card, SIN and phone number is made of. Dates, times and short
     * numbers, the digits most text holds, fail it.
     */
    static boolean holdsDigitRun(String text) {
        int run = 0;
        int gap = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                run = gap <= DIGIT_GAP_MAX ? run + 1 : 1;
                gap = 0;
                if (run >= DIGIT_RUN_MIN) {
                    return true;
                }
            } else if (isDigitSeparator(ch)) {
                gap++;
            } else {
                run = 0;
                gap = 0;
            }
        }
        return false;
    }

    private static boolean isDigitSeparator(char ch) {
        return ch == ' ' || ch == '.' || ch == '-' || ch == '(' || ch == ')' || ch == '+';
    }

    /**
     * Whether a text holds one of some lower-case ASCII words, in any case. The patterns' {@code (?i)} folds ASCII
     * letters only, and so does this: it finds every word they do. Only positions whose letter starts a word (a bit
     * of {@code firstLetters}) are compared further.
     */
    private record AnyWord(List<String> words, int firstLetters) implements Predicate<String> {

        static AnyWord of(String... words) {
            int firstLetters = 0;
            for (String word : words) {
                firstLetters |= 1 << (word.charAt(0) - 'a');
            }
            return new AnyWord(List.of(words), firstLetters);
        }

        @Override
        public boolean test(String text) {
            for (int at = 0; at < text.length(); at++) {
                char first = lowerAscii(text.charAt(at));
                if (first >= 'a' && first <= 'z' && (firstLetters & 1 << (first - 'a')) != 0) {
                    for (String word : words) {
                        if (word.charAt(0) == first && matchesAt(text, at, word)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private static boolean matchesAt(String text, int at, String word) {
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int k = 1; k < word.length(); k++) {
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
