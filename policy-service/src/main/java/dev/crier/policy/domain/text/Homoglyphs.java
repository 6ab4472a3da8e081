package dev.crier.policy.domain.text;

/**
 * Cyrillic and Greek letters that look like Latin ones, as used to slip words past filters ("ѕесrеt", "SЕСRЕТ").
 * Full-width and mathematical letters need no entry: NFKC makes them plain Latin already.
 */
final class Homoglyphs {
    private Homoglyphs() {
    }

    /** The Latin letter a lookalike stands for, in lower case, or 0 when the code point is not one. */
    static char latinFor(int cp) {
        return switch (cp) {
            case 'а', 'А', 'α', 'Α' -> 'a';
            case 'в', 'В', 'β', 'Β' -> 'b';
            case 'с', 'С', 'ϲ', 'Ϲ' -> 'c';
            case 'ԁ' -> 'd';
            case 'е', 'Е', 'ε', 'Ε' -> 'e';
            case 'н', 'Н', 'η', 'Η', 'һ' -> 'h';
            case 'і', 'І', 'ι', 'Ι', 'Ӏ' -> 'i';
            case 'ј', 'Ј' -> 'j';
            case 'к', 'К', 'κ', 'Κ' -> 'k';
            case 'м', 'М', 'Μ' -> 'm';
            case 'Ν' -> 'n';
            case 'о', 'О', 'ο', 'Ο' -> 'o';
            case 'р', 'Р', 'ρ', 'Ρ' -> 'p';
            case 'ѕ', 'Ѕ' -> 's';
            case 'т', 'Т', 'τ', 'Τ' -> 't';
            case 'у', 'У', 'υ', 'Υ', 'ү', 'Ү' -> 'y';
            case 'х', 'Х', 'χ', 'Χ' -> 'x';
            case 'ν' -> 'v';
            case 'ԝ', 'Ԝ' -> 'w';
            case 'Ζ' -> 'z';
            default -> 0;
        };
    }
}
