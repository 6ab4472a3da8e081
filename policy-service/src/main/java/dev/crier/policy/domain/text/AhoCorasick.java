package dev.crier.policy.domain.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many patterns in one pass over a text (Aho and Corasick, 1975). Written here rather than
 * taken from a library: the maintained Java implementations stopped releasing years ago, and this one needs to run
 * over a {@link MappedText}'s char array with a dense ASCII transition table, which is what makes it fast.
 * Patterns are ASCII after folding; any other character in the text simply matches no pattern.
 */
public final class AhoCorasick {

    private static final int ALPHABET = 128;

    private final int[][] next;
    private final int[] fail;
    private final int[][] outputs;
    private final int[] lengths;

    /** Receives each match: the pattern's index and its span [start, end) in the searched text. */
    @FunctionalInterface
    public interface Matches {
        void found(int pattern, int start, int end);
    }

    public AhoCorasick(List<String> patterns) {
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(newRow());
        out.add(new ArrayList<>());
        lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern at " + p);
            }
            lengths[p] = pattern.length();
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("pattern '" + pattern + "' is not ASCII after folding");
                }
                if (trie.get(state)[c] < 0) {
                    trie.get(state)[c] = trie.size();
                    trie.add(newRow());
                    out.add(new ArrayList<>());
                }
                state = trie.get(state)[c];
            }
            out.get(state).add(p);
        }
        next = trie.toArray(new int[0][]);
        fail = new int[next.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            if (next[0][c] < 0) {
                next[0][c] = 0;
            } else {
                fail[next[0][c]] = 0;
                queue.add(next[0][c]);
            }
        }
        // Breadth first: a state's failure link is ready before its children need it, and the goto table is
        // completed into a full automaton so that searching never follows failure links.
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < ALPHABET; c++) {
                int t = next[s][c];
                if (t < 0) {
                    next[s][c] = next[fail[s]][c];
                } else {
                    fail[t] = next[fail[s]][c];
                    queue.add(t);
                }
            }
        }
        outputs = new int[next.length][];
        for (int s = 0; s < next.length; s++) {
            outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public void search(char[] text, Matches matches) {
        int state = 0;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            state = c < ALPHABET ? next[state][c] : 0;
            for (int p : outputs[state]) {
                matches.found(p, i + 1 - lengths[p], i + 1);
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }
}
