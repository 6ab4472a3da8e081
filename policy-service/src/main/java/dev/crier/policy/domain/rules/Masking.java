package dev.crier.policy.domain.rules;

/** Masks personal information for findings and logs: every digit but the last three becomes '*'. */
public final class Masking {
    private Masking() {
    }

    public static String keepLastThreeDigits(String value) {
        int digits = (int) value.chars().filter(Character::isDigit).count();
        StringBuilder out = new StringBuilder(value.length());
        int seen = 0;
        for (char c : value.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                out.append(seen > digits - 3 ? c : '*');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A secret shown only by its first four characters, so a reader can tell which one it was. */
    public static String secret(String value) {
        return value.length() <= 4 ? "****" : value.substring(0, 4) + "*".repeat(Math.min(12, value.length() - 4));
    }

    /** The text with [start, end) replaced by asterisks of the same length, so offsets stay valid. */
    public static String blank(String text, int start, int end) {
        return text.substring(0, start) + "*".repeat(end - start) + text.substring(end);
    }
}
