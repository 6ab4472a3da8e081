package dev.crier.policy.domain.text;

/** Leetspeak: digits and symbols written for letters inside a word. '*' and '#' stay: they hide a letter (grawlix). */
final class Leet {

    /** Per ASCII char, the letter it stands for (itself when none), and whether it is a symbol: read for every char. */
    private static final char[] LETTERS = new char[128];
    private static final boolean[] SYMBOLS = new boolean[128];

    static {
        for (char c = 0; c < LETTERS.length; c++) {
            LETTERS[c] = switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                default -> c;
            };
        }
        for (char c : "@$!|+*#".toCharArray()) {
            SYMBOLS[c] = true;
        }
    }

    private Leet() {
    }

    static boolean isSymbol(char c) {
        return c < 128 ? SYMBOLS[c] : c == '€';
    }

    static char letterFor(char c) {
        return c < 128 ? LETTERS[c] : c == '€' ? 'e' : c;
    }
}
