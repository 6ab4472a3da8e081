package dev.crier.policy.domain.text;

/**
 * A transformed view of a text (folded, squeezed) that remembers, for every character, the span of the original
 * text it came from, so that a match found in the view is reported at the right place in what the author wrote.
 */
public final class MappedText {

    private final String original;
    private final char[] chars;
    /** Null when character i came from character i of the original (most folds: one char for one, none stretched). */
    private final int[] from;
    private final int[] to;
    private final boolean[] stretched;
    private String text;

    MappedText(String original, char[] chars, int[] from, int[] to, boolean[] stretched) {
        this.original = original;
        this.chars = chars;
        this.from = from;
        this.to = to;
        this.stretched = stretched;
    }

    /** A view of as many chars as the original, each from the original char at its index. */
    MappedText(String original, char[] chars) {
        this(original, chars, null, null, null);
    }

    public String original() {
        return original;
    }

    public int length() {
        return chars.length;
    }

    public char charAt(int i) {
        return chars[i];
    }

    public char[] chars() {
        return chars;
    }

    /** Where the view's characters [start, end) came from in the original, as [originalStart, originalEnd). */
    public int originalStart(int start) {
        if (start >= chars.length) {
            return original.length();
        }
        return from == null ? start : from[start];
    }

    public int originalEnd(int end) {
        if (end <= 0) {
            return 0;
        }
        return to == null ? end : to[end - 1];
    }

    /** True when the view's character stands for a run of three or more equal letters (fuuuuck). */
    public boolean stretched(int i) {
        return stretched != null && stretched[i];
    }

    /** Whether [start, end) is a whole word or phrase: no letter or digit touches it on either side. */
    public boolean isWholeWord(int start, int end) {
        return (start == 0 || !Chars.isLetterOrDigit(chars[start - 1]))
                && (end == chars.length || !Chars.isLetterOrDigit(chars[end]));
    }

    /** The view as a string, made once. */
    @Override
    public String toString() {
        if (text == null) {
            text = new String(chars);
        }
        return text;
    }

    /** Collects a view character by character. */
    static final class Builder {
        private final String original;
        private char[] chars;
        private int[] from;
        private int[] to;
        private boolean[] stretched;
        private int size;

        Builder(String original, int capacity) {
            this.original = original;
            int c = Math.max(16, capacity);
            chars = new char[c];
            from = new int[c];
            to = new int[c];
            stretched = new boolean[c];
        }

        Builder add(char c, int originalStart, int originalEnd, boolean stretch) {
            if (size == chars.length) {
                int n = size * 2;
                chars = java.util.Arrays.copyOf(chars, n);
                from = java.util.Arrays.copyOf(from, n);
                to = java.util.Arrays.copyOf(to, n);
                stretched = java.util.Arrays.copyOf(stretched, n);
            }
            chars[size] = c;
            from[size] = originalStart;
            to[size] = originalEnd;
            stretched[size] = stretch;
            size++;
            return this;
        }

        int size() {
            return size;
        }

        char last() {
            return chars[size - 1];
        }

        MappedText build() {
            return new MappedText(original, java.util.Arrays.copyOf(chars, size), java.util.Arrays.copyOf(from, size),
                    java.util.Arrays.copyOf(to, size), java.util.Arrays.copyOf(stretched, size));
        }
    }
}
