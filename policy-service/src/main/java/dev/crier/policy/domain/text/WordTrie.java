package dev.crier.policy.domain.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of many patterns that starts at a word's start, walking a trie from each place where no
 * letter or digit comes before. A lexicon only wants whole words, so on running text this is one short walk per word
 * instead of an Aho-Corasick step at every character (measured in docs/policy-benchmark.md); a walk is never longer
 * than the longest pattern, so the search stays linear in the text. Written here rather than taken from a library:
 * it runs over a {@link MappedText}'s char array with a dense ASCII transition table, which is what makes it fast.
 * Patterns are ASCII after folding; any other character in the text ends a walk.
 */
public final class WordTrie {

    private static final int ALPHABET = 128;
    private static final int ENDS_HERE = 1 << 31;

    /** Each ASCII character's column in {@link #edges}; column 0 for the characters of no pattern. */
    private final int[] column = new int[ALPHABET];
    private final int width;
    /**
     * The trie in one array, a row of {@link #width} columns per node, only for the characters the patterns use so
     * that the table stays in the processor's caches. Each entry is where the child's row starts (0 for no child),
     * with {@link #ENDS_HERE} set when patterns end at that child: a step is one look-up with no multiplication.
     */
    private final int[] edges;
    /** The patterns that end at the node whose row starts at r * width are patterns[ends[r]] to patterns[ends[r + 1] - 1]. */
    private final int[] ends;
    private final int[] patterns;

    /** Receives each match: the pattern's index and its span [start, end) in the searched text. */
    @FunctionalInterface
    public interface Matches {
        void found(int pattern, int start, int end);
    }

    public WordTrie(List<String> patternList) {
        List<int[]> children = new ArrayList<>();
        List<List<Integer>> endingHere = new ArrayList<>();
        children.add(newRow());
        endingHere.add(new ArrayList<>());
        int columns = 1;
        for (int p = 0; p < patternList.size(); p++) {
            String pattern = patternList.get(p);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern at " + p);
            }
            int node = 0;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("pattern '" + pattern + "' is not ASCII after folding");
                }
                if (column[c] == 0) {
                    column[c] = columns++;
                }
                if (children.get(node)[c] < 0) {
                    children.get(node)[c] = children.size();
                    children.add(newRow());
                    endingHere.add(new ArrayList<>());
                }
                node = children.get(node)[c];
            }
            endingHere.get(node).add(p);
        }
        width = columns;
        int nodes = children.size();
        // Nodes numbered breadth first: the shallow ones, where every walk starts, share a few cache lines.
        int[] byDepth = new int[nodes];
        int[] rank = new int[nodes];
        for (int head = 0, tail = 1; head < tail; head++) {
            rank[byDepth[head]] = head;
            for (int child : children.get(byDepth[head])) {
                if (child >= 0) {
                    byDepth[tail++] = child;
                }
            }
        }
        edges = new int[nodes * width];
        ends = new int[nodes + 1];
        patterns = new int[endingHere.stream().mapToInt(List::size).sum()];
        for (int node = 0; node < nodes; node++) {
            for (int c = 0; c < ALPHABET; c++) {
                int child = children.get(byDepth[node])[c];
                if (child >= 0) {
                    edges[node * width + column[c]] = rank[child] * width | (endingHere.get(child).isEmpty() ? 0 : ENDS_HERE);
                }
            }
            List<Integer> here = endingHere.get(byDepth[node]);
            ends[node + 1] = ends[node] + here.size();
            for (int o = 0; o < here.size(); o++) {
                patterns[ends[node] + o] = here.get(o);
            }
        }
    }

    /** Every occurrence that starts where no letter or digit comes before it, in order of start. */
    public void searchAtWordStarts(char[] text, Matches matches) {
        for (int i = 0; i < text.length; i++) {
            if (i > 0 && Chars.isLetterOrDigit(text[i - 1])) {
                continue;
            }
            int row = 0;
            for (int j = i; j < text.length; j++) {
                char c = text[j];
                int step = edges[row + (c < ALPHABET ? column[c] : 0)];
                if (step == 0) {
                    break;
                }
                row = step & ~ENDS_HERE;
                if (step < 0) {
                    int node = row / width;
                    for (int o = ends[node]; o < ends[node + 1]; o++) {
                        matches.found(patterns[o], i, j + 1);
                    }
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
