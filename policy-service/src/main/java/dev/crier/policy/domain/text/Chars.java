package dev.crier.policy.domain.text;

/**
 * {@link Character#isLetter} and {@link Character#isLetterOrDigit} with ASCII answered first: it is most of what
 * the rules read, and the JDK's general lookup, called for every character of every pass, shows in profiles.
 */
public final class Chars {
    private Chars() {
    }

    public static boolean isLetter(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' : Character.isLetter(c);
    }

    public static boolean isLetterOrDigit(char c) {
        return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
    }
}
