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

    /** U+1F7AF LIGHT FIVE SPOKED ASTERISK: like '*', but two UTF-16 units long. */
    private static final int WIDE_ASTERISK = 0x1F7AF;

    /**
     * The text with [start, end) replaced by an asterisk per character. A character outside the Basic Multilingual
     * Plane (an emoji) becomes an asterisk outside it too, so that the text keeps both its UTF-16 length (offsets stay
     * valid) and its number of code points (the event contract's limit: a 100,000-character draft full of emoji was
     * refused once masked).
     */
    public static String blank(String text, int start, int end) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, start);
        for (int i = start; i < end; ) {
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.appendCodePoint(WIDE_ASTERISK);
                i += 2;
            } else {
                out.append('*');
                i++;
            }
        }
        return out.append(text, end, text.length()).toString();
    }
}
