package dev.crier.policy.domain.text;

/**
 * {@link Character#isLetter} and {@link Character#isLetterOrDigit} from a table of every char, made once: they are
 * most of what the rules read, and both the JDK's general lookup and a chain of ASCII range tests (whose branches
 * the processor mispredicts on running text) show in profiles. Only the few lines of the table that a text's
 * characters fall in are read, the ASCII and Latin-1 ones for English and French.
 */
public final class Chars {

    private static final byte LETTER = 1;
    private static final byte LETTER_OR_DIGIT = 2;
    private static final byte[] CLASSES = new byte[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            CLASSES[c] = (byte) ((Character.isLetter(c) ? LETTER : 0) | (Character.isLetterOrDigit(c) ? LETTER_OR_DIGIT : 0));
        }
    }

    private Chars() {
    }

    public static boolean isLetter(char c) {
        return (CLASSES[c] & LETTER) != 0;
    }

    public static boolean isLetterOrDigit(char c) {
        return (CLASSES[c] & LETTER_OR_DIGIT) != 0;
    }
}
