package dev.crier.policy.domain.text;

/** Leetspeak: digits and symbols written for letters inside a word. '*' and '#' stay: they hide a letter (grawlix). */
final class Leet {
    private Leet() {
    }

    static boolean isSymbol(char c) {
        return c == '@' || c == '$' || c == '!' || c == '|' || c == '+' || c == '*' || c == '#' || c == '€';
    }

    static char letterFor(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3', '€' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            default -> c;
        };
    }
}
