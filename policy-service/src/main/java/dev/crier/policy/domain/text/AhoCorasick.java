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

    /** Each ASCII character's column in {@link #next}; column 0 for the characters of no pattern (back to the root). */
    private final int[] column = new int[ALPHABET];
    private final int width;
    /**
     * The complete automaton in one array, a row of {@link #width} columns per state: a row per state of only the
     * characters the patterns use keeps the table small enough to stay in the processor's caches. Each entry is where
     * the next state's row starts, so that a step is one look-up with no multiplication, with {@link #OUTPUTS} set
     * when patterns end in that state (a row starts below 2^31, the table being an array): the search waits on this
     * chain of look-ups, one per character.
     */
    private final int[] next;
    private static final int OUTPUTS = 1 << 31;
    /** The patterns that end in state s are outputs[ends[s]] to outputs[ends[s + 1] - 1]. */
    private final int[] ends;
    private final int[] outputs;
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
        int columns = 1;
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
                if (column[c] == 0) {
                    column[c] = columns++;
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
        int[][] full = trie.toArray(new int[0][]);
        int[] fail = new int[full.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            if (full[0][c] < 0) {
                full[0][c] = 0;
            } else {
                fail[full[0][c]] = 0;
                queue.add(full[0][c]);
            }
        }
        // Breadth first: a state's failure link is ready before its children need it, and the goto table is
        // completed into a full automaton so that searching never follows failure links.
        int[] byDepth = new int[full.length];
        int reached = 1;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            byDepth[reached++] = s;
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < ALPHABET; c++) {
                int t = full[s][c];
                if (t < 0) {
                    full[s][c] = full[fail[s]][c];
                } else {
                    fail[t] = full[fail[s]][c];
                    queue.add(t);
                }
            }
        }
        // States are numbered by depth, as they were reached: the shallow ones, where a search spends most of its
        // steps, share a few cache lines at the start of the table instead of being spread over all of it.
        int[] rank = new int[full.length];
        for (int r = 0; r < full.length; r++) {
            rank[byDepth[r]] = r;
        }
        width = columns;
        next = new int[full.length * width];
        ends = new int[full.length + 1];
        outputs = new int[out.stream().mapToInt(List::size).sum()];
        for (int r = 0; r < full.length; r++) {
            int s = byDepth[r];
            // A character of no pattern leads every state to the root: column 0 stays 0.
            for (int c = 0; c < ALPHABET; c++) {
                int target = column[c] == 0 ? 0 : full[s][c];
                next[r * width + column[c]] = rank[target] * width | (out.get(target).isEmpty() ? 0 : OUTPUTS);
            }
            ends[r + 1] = ends[r] + out.get(s).size();
            for (int o = 0; o < out.get(s).size(); o++) {
                outputs[ends[r] + o] = out.get(s).get(o);
            }
        }
    }

    public void search(char[] text, Matches matches) {
        int row = 0;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            int step = next[row + (c < ALPHABET ? column[c] : 0)];
            row = step & ~OUTPUTS;
            if (step < 0) {
                int state = row / width;
                for (int o = ends[state]; o < ends[state + 1]; o++) {
                    int p = outputs[o];
                    matches.found(p, i + 1 - lengths[p], i + 1);
                }
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }
}
