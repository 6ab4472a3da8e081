package dev.crier.policy.domain.text;

import java.util.Collection;

/**
 * A dictionary of words, sorted, that answers which of its words begin at a place in a text. Splitting a hashtag
 * asks that at every position; with a hash set it cost a substring and a hash for each of up to 24 lengths, most of
 * them no word's prefix. Here the words sharing the prefix read so far are one range of the sorted array, narrowed
 * by binary search a character at a time, so the walk stops as soon as no word goes on that way.
 */
public final class WordList {

    private final String[] words;
    /** Where the words beginning with each character start and end in {@link #words}: the first step is a look-up. */
    private final int[] firstFrom = new int[Character.MAX_VALUE + 1];
    private final int[] firstTo = new int[Character.MAX_VALUE + 1];

    public WordList(Collection<String> words) {
        this.words = words.stream().filter(w -> !w.isEmpty()).distinct().sorted().toArray(String[]::new);
        for (int i = this.words.length - 1; i >= 0; i--) {
            char first = this.words[i].charAt(0);
            firstFrom[first] = i;
            firstTo[first] = Math.max(firstTo[first], i + 1);
        }
    }

    /** Where the words that text[start, ...) begins with end, shortest first: each end is passed to {@code at}. */
    public void endsOfWordsAt(CharSequence text, int start, Ends at) {
        if (start >= text.length()) {
            return;
        }
        char first = text.charAt(start);
        int lo = firstFrom[first];
        int hi = firstTo[first];
        if (lo < hi && words[lo].length() == 1) {
            at.end(start + 1);
        }
        for (int depth = 1; start + depth < text.length() && lo < hi; depth++) {
            // Every word in [lo, hi) has the text's depth characters as its prefix; the one equal to it sorts first.
            if (words[lo].length() == depth) {
                lo++;
            }
            char c = text.charAt(start + depth);
            lo = firstAtLeast(lo, hi, depth, c);
            hi = c == Character.MAX_VALUE ? hi : firstAtLeast(lo, hi, depth, (char) (c + 1));
            if (lo == hi) {
                return;
            }
            if (words[lo].length() == depth + 1) {
                at.end(start + depth + 1);
            }
        }
    }

    /** The first index in [lo, hi) whose word's character at depth is at least c (all there are longer than depth). */
    private int firstAtLeast(int lo, int hi, int depth, char c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (words[mid].charAt(depth) < c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Receives where a word ends. */
    public interface Ends {
        void end(int end);
    }
}
