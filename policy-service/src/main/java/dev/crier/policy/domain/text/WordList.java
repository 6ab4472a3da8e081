package dev.crier.policy.domain.text;

import java.util.Arrays;
import java.util.Collection;

/**
 * A dictionary of words that answers which of its words begin at a place in a text. Splitting a hashtag asks that
 * at every position; with a hash set it cost a substring and a hash for each of up to 24 lengths, most of them no
 * word's prefix. Here the words are a trie in three flat arrays, nodes numbered breadth first so that a node's
 * children are consecutive and sorted by character: each character of the text is one short search among them,
 * and the walk stops as soon as no word goes on that way. The arrays take less room than the words as strings.
 */
public final class WordList {

    /** The character that leads to each node (the root's is unused). */
    private final char[] label;
    /** Node i's children are the nodes firstChild[i] to firstChild[i + 1] - 1. */
    private final int[] firstChild;
    /** Whether a word ends at each node. */
    private final boolean[] word;

    public WordList(Collection<String> words) {
        String[] sorted = words.stream().filter(w -> !w.isEmpty()).distinct().sorted().toArray(String[]::new);
        // Node i stands for the words sorted[from[i]] to sorted[to[i] - 1], which share their first depth[i] characters.
        int capacity = 1024;
        char[] labels = new char[capacity];
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        int[] depth = new int[capacity];
        int[] first = new int[capacity + 1];
        boolean[] ends = new boolean[capacity];
        to[0] = sorted.length;
        int nodes = 1;
        for (int node = 0; node < nodes; node++) {
            int lo = from[node];
            int d = depth[node];
            if (lo < to[node] && sorted[lo].length() == d) {
                ends[node] = true;
                lo++;
            }
            first[node] = nodes;
            while (lo < to[node]) {
                char c = sorted[lo].charAt(d);
                int hi = lo + 1;
                while (hi < to[node] && sorted[hi].charAt(d) == c) {
                    hi++;
                }
                if (nodes == capacity) {
                    capacity *= 2;
                    labels = Arrays.copyOf(labels, capacity);
                    from = Arrays.copyOf(from, capacity);
                    to = Arrays.copyOf(to, capacity);
                    depth = Arrays.copyOf(depth, capacity);
                    first = Arrays.copyOf(first, capacity + 1);
                    ends = Arrays.copyOf(ends, capacity);
                }
                labels[nodes] = c;
                from[nodes] = lo;
                to[nodes] = hi;
                depth[nodes] = d + 1;
                nodes++;
                lo = hi;
            }
        }
        first[nodes] = nodes;
        this.label = Arrays.copyOf(labels, nodes);
        this.firstChild = Arrays.copyOf(first, nodes + 1);
        this.word = Arrays.copyOf(ends, nodes);
    }

    /** Where the words that text[start, ...) begins with end, shortest first: each end is passed to {@code at}. */
    public void endsOfWordsAt(CharSequence text, int start, Ends at) {
        int node = 0;
        for (int i = start; i < text.length(); i++) {
            node = child(node, text.charAt(i));
            if (node < 0) {
                return;
            }
            if (word[node]) {
                at.end(i + 1);
            }
        }
    }

    /** The node's child for the character, or -1. */
    private int child(int node, char c) {
        int lo = firstChild[node];
        int hi = firstChild[node + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (label[mid] < c) {
                lo = mid + 1;
            } else if (label[mid] > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Receives where a word ends. */
    public interface Ends {
        void end(int end);
    }
}
