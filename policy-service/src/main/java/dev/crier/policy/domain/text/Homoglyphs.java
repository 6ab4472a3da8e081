package dev.crier.policy.domain.text;

/** Cyrillic and Greek letters that look like Latin ones, as used to slip words past filters ("ѕесrеt"). */
final class Homoglyphs {
    private Homoglyphs() {
    }

    /** The Latin letter a lookalike stands for, in lower case, or 0 when the code point is not one. */
    static char latinFor(int cp) {
        return switch (cp) {
            case 'а', 'А', 'α', 'Α' -> 'a';
            case 'в', 'В', 'β', 'Β' -> 'b';
            case 'с', 'С', 'ϲ' -> 'c';
            case 'е', 'Е', 'ε', 'Ε' -> 'e';
            case 'н', 'Н', 'η', 'Η' -> 'h';
            case 'і', 'І', 'ι', 'Ι' -> 'i';
            case 'ј', 'Ј' -> 'j';
            case 'к', 'К', 'κ', 'Κ' -> 'k';
            case 'м', 'М', 'Μ' -> 'm';
            case 'о', 'О', 'ο', 'Ο' -> 'o';
            case 'р', 'Р', 'ρ', 'Ρ' -> 'p';
            case 'ѕ', 'Ѕ' -> 's';
            case 'т', 'Т', 'τ', 'Τ' -> 't';
            case 'у', 'У', 'υ', 'Υ' -> 'y';
            case 'х', 'Х', 'χ', 'Χ' -> 'x';
            case 'ν', 'Ν' -> 'v';
            default -> 0;
        };
    }
}
