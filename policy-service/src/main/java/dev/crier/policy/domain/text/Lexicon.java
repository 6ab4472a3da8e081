package dev.crier.policy.domain.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of terms (words or phrases), each with a value such as its severity, matched as whole words in one pass
 * over a folded or squeezed text. Terms are folded the same way as the text, so "Québécois" matches "quebecois" and
 * "QUÉBÉCOIS". Over a squeezed text it also finds stretched words (a term's doubled letter written three or more
 * times: "asssss") and words with a letter hidden behind '*' or '#' ("f*ck").
 */
public final class Lexicon<T> {

    /** A term found in a view, at [start, end) of that view. */
    public record Hit<T>(T value, String term, int start, int end) {
    }

    private record Entry<T>(T value, String term, boolean needsStretch) {
    }

    private static final char[] HIDDEN_LETTERS = {'a', 'e', 'i', 'o', 'u', 'y'};

    private final List<Entry<T>> entries = new ArrayList<>();
    private final Map<String, Entry<T>> words = new HashMap<>();
    private final WordTrie trie;
    /** The few terms that are not ASCII even folded (an emoji): searched directly, outside the trie. */
    private final Map<String, Entry<T>> symbols = new LinkedHashMap<>();

    public Lexicon(Map<String, T> terms) {
        Map<String, Entry<T>> patterns = new LinkedHashMap<>();
        terms.forEach((term, value) -> {
            String folded = TextFolder.fold(term.trim()).toString();
            if (folded.isEmpty()) {
                return;
            }
            Entry<T> entry = new Entry<>(value, term, false);
            if (!folded.chars().allMatch(c -> c < 128)) {
                symbols.putIfAbsent(folded, entry);
                return;
            }
            patterns.putIfAbsent(folded, entry);
            words.putIfAbsent(folded, entry);
            String single = withoutDoubles(folded);
            if (!single.equals(folded)) {
                patterns.putIfAbsent(single, new Entry<>(value, term, true));
            }
        });
        entries.addAll(patterns.values());
        trie = new WordTrie(new ArrayList<>(patterns.keySet()));
    }

    /** Every whole-word hit, longest first where hits overlap, in text order. */
    public List<Hit<T>> find(MappedText view) {
        List<Hit<T>> hits = new ArrayList<>();
        trie.searchAtWordStarts(view.chars(), (p, start, end) -> {
            Entry<T> e = entries.get(p);
            if (view.isWholeWord(start, end) && (!e.needsStretch() || anyStretched(view, start, end))) {
                hits.add(new Hit<>(e.value(), e.term(), start, end));
            }
        });
        findHidden(view, hits);
        if (!symbols.isEmpty()) {
            String text = view.toString();
            symbols.forEach((symbol, e) -> {
                for (int at = text.indexOf(symbol); at >= 0; at = text.indexOf(symbol, at + symbol.length())) {
                    hits.add(new Hit<>(e.value(), e.term(), at, at + symbol.length()));
                }
            });
        }
        return longestWithoutOverlap(hits);
    }

    private void findHidden(MappedText view, List<Hit<T>> hits) {
        char[] t = view.chars();
        for (int i = 0; i < t.length; i++) {
            if ((t[i] == '*' || t[i] == '#') && i > 0 && Chars.isLetter(t[i - 1])) {
                int start = i;
                while (start > 0 && (Chars.isLetter(t[start - 1]) || t[start - 1] == '*' || t[start - 1] == '#')) {
                    start--;
                }
                int end = i;
                while (end < t.length && (Chars.isLetter(t[end]) || t[end] == '*' || t[end] == '#')) {
                    end++;
                }
                Entry<T> e = guess(new String(t, start, end - start).toCharArray(), 0);
                if (e != null && view.isWholeWord(start, end)) {
                    hits.add(new Hit<>(e.value(), e.term(), start, end));
                }
                i = end;
            }
        }
    }

    /** Tries each letter a '*' or '#' could hide, at most two of them per word. */
    private Entry<T> guess(char[] word, int depth) {
        for (int i = 0; i < word.length; i++) {
            if (word[i] == '*' || word[i] == '#') {
                if (depth == 2) {
                    return null;
                }
                for (char c : HIDDEN_LETTERS) {
                    word[i] = c;
                    Entry<T> e = guess(word, depth + 1);
                    if (e != null) {
                        return e;
                    }
                }
                word[i] = '*';
                return null;
            }
        }
        return words.get(new String(word));
    }

    private static boolean anyStretched(MappedText view, int start, int end) {
        for (int i = start; i < end; i++) {
            if (view.stretched(i)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutDoubles(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i == 0 || c != s.charAt(i - 1) || !Character.isLetter(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static <T> List<Hit<T>> longestWithoutOverlap(List<Hit<T>> hits) {
        if (hits.size() < 2) {
            return hits;
        }
        hits.sort(Comparator.<Hit<T>>comparingInt(Hit::start).thenComparing(h -> -(h.end() - h.start())));
        List<Hit<T>> kept = new ArrayList<>();
        int coveredTo = -1;
        for (Hit<T> h : hits) {
            if (h.start() >= coveredTo) {
                kept.add(h);
                coveredTo = h.end();
            }
        }
        return kept;
    }
}
