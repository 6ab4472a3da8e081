package dev.crier.policy.domain.lang;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lingua's answer (1.2.2, English and French only, minimum relative distance 0.1) worked out on the calling thread
 * from Lingua's own n-gram files, for the texts where only its n-gram scoring can decide. Lingua itself takes
 * hundreds of microseconds a call: regular expressions to clean the text, a string and a look-up per language for
 * every n-gram and each shorter one it falls back to, and the five n-gram lengths spread over the common fork-join
 * pool, so one draft used other cores. Here both languages' frequencies share one table keyed by the n-gram's
 * characters packed in a long. The steps, and the order in which the float sums are taken, follow Lingua's, so the
 * answers are the same; {@code NgramVerdictTest} compares them with Lingua's over the corpus and random texts.
 * A text with a letter outside the Latin script, or any other character of a script, is left to Lingua: there its
 * alphabet rules can decide before the n-grams.
 */
final class NgramVerdict {

    /** Lingua's answer, or that the text is one for Lingua itself. */
    enum Answer { ENGLISH, FRENCH, NEITHER, ASK_LINGUA }

    private static final double MINIMUM_RELATIVE_DISTANCE = 0.1;
    /** From this cleaned length on Lingua scores trigrams only. */
    private static final int TRIGRAMS_ONLY_FROM = 120;
    /** Letters that, in half the words or more, make Lingua's rules say French (its accents shared with French). */
    private static final String FRENCH_RULE_LETTERS = "îûëèùêôàâçé";
    private static final int BITS = 12;
    private static final long ABSENT = pack(Float.NaN, Float.NaN);
    private static final String[] FILES = {"unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"};

    private final short[] letterIndex = new short[Character.MAX_VALUE + 1];
    private int letters;
    /**
     * Open addressing, two longs a slot: the n-gram's code (0 for an empty slot), then the natural logs of its
     * English and French frequencies as float bits, NaN where a model lacks it, so that one probe serves both
     * languages. Lingua takes the float log of a frequency when it uses it; taken once here, it is the same float.
     * Up to three quarters full: the two models' 540,000 n-grams then fit in 2^20 slots (16 MB).
     */
    private long[] table;
    private int mask;
    private int size;

    private static final class Loaded {
        static final NgramVerdict MODELS = new NgramVerdict();
    }

    /** The models are read once, on the first text that needs them. */
    static NgramVerdict models() {
        return Loaded.MODELS;
    }

    private NgramVerdict() {
        allocate(1 << 20);
        ObjectMapper json = new ObjectMapper();
        for (String file : FILES) {
            for (int language = 0; language < 2; language++) {
                String path = "/language-models/" + (language == 0 ? "en" : "fr") + "/" + file + ".json";
                try (InputStream in = NgramVerdict.class.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException("Lingua's model " + path + " is missing");
                    }
                    Model model = json.readValue(in, Model.class);
                    for (Map.Entry<String, String> e : model.ngrams().entrySet()) {
                        String[] fraction = e.getKey().split("/");
                        float frequency = Float.parseFloat(fraction[0]) / Integer.parseInt(fraction[1]);
                        for (String ngram : e.getValue().split(" ")) {
                            if (!ngram.isEmpty()) {
                                put(learn(ngram), language, (float) Math.log(frequency));
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The JSON form of one of Lingua's model files. */
    private record Model(String language, Map<String, String> ngrams) {
    }

    Answer answer(String text) {
        String cleaned = cleanUp(text);
        if (cleaned == null) {
            return Answer.ASK_LINGUA;
        }
        List<String> words = Arrays.stream(cleaned.split(" ")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || cleaned.chars().noneMatch(Character::isLetter)) {
            return Answer.NEITHER;
        }
        if (frenchByRules(words)) {
            return Answer.FRENCH;
        }
        int first = cleaned.length() >= TRIGRAMS_ONLY_FROM ? 3 : 1;
        int last = cleaned.length() >= TRIGRAMS_ONLY_FROM ? 3 : Math.min(5, cleaned.length());
        // Per language: the summed log frequencies of each n-gram length (Lingua keeps only negative sums).
        float[] sums = new float[2];
        int[] unigrams = new int[2];
        for (int n = first; n <= last; n++) {
            float[][] scores = scores(ngrams(cleaned, n), n);
            float[] byLength = {sum(scores[0]), sum(scores[1])};
            for (int language = 0; language < 2; language++) {
                sums[language] += byLength[language] < 0 ? byLength[language] : 0f;
            }
            if (n == 1) {
                // How many of the unigrams each language knows, counted for those that scored (for both if none did).
                boolean anyScored = byLength[0] < 0 || byLength[1] < 0;
                for (int language = 0; language < 2; language++) {
                    unigrams[language] = !anyScored || byLength[language] < 0 ? known(scores[language]) : 0;
                }
            }
        }
        for (int language = 0; language < 2; language++) {
            if (unigrams[language] > 0) {
                sums[language] = sums[language] / unigrams[language];
            }
        }
        return mostLikely(sums[0], sums[1]);
    }

    /**
     * The text as Lingua cleans it (trimmed, lower case, without punctuation and digits, whitespace runs made one
     * space), or null when a character could bring Lingua's alphabet rules into play: a letter not of the Latin
     * script or outside the first plane, or another character belonging to a script.
     */
    private static String cleanUp(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isKotlinWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isKotlinWhitespace(text.charAt(end - 1))) {
            end--;
        }
        String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
        StringBuilder cleaned = new StringBuilder(lower.length());
        boolean inSpace = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (isPunctuation(type) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                    || type == Character.OTHER_NUMBER) {
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') {
                if (!inSpace) {
                    cleaned.append(' ');
                }
                inSpace = true;
                continue;
            }
            inSpace = false;
            if (c <= Character.MAX_VALUE && Character.isSurrogate((char) c)) {
                // A lone surrogate could pair up with another once what lies between is removed.
                return null;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean plain = Character.isLetter(c)
                    ? c <= Character.MAX_VALUE && script == Character.UnicodeScript.LATIN
                    : script == Character.UnicodeScript.COMMON || script == Character.UnicodeScript.INHERITED
                    || script == Character.UnicodeScript.UNKNOWN;
            if (!plain) {
                return null;
            }
            cleaned.appendCodePoint(c);
        }
        return cleaned.toString();
    }

    /** Kotlin's trim() trims what Character.isWhitespace or isSpaceChar says, a no-break space among them. */
    private static boolean isKotlinWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isPunctuation(int type) {
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /**
     * Lingua's rule for Latin text between English and French: when some word is all Latin letters, French if the
     * letters of {@link #FRENCH_RULE_LETTERS} that each word holds add up to half the words or more.
     */
    private static boolean frenchByRules(List<String> words) {
        if (words.stream().noneMatch(w -> w.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN))) {
            return false;
        }
        int count = 0;
        for (String word : words) {
            for (int k = 0; k < FRENCH_RULE_LETTERS.length(); k++) {
                count += word.indexOf(FRENCH_RULE_LETTERS.charAt(k)) >= 0 ? 1 : 0;
            }
        }
        return count >= words.size() / 2.0;
    }

    /** The distinct runs of n letters, in a HashSet as Lingua keeps them: the float sums follow its order. */
    private static Set<String> ngrams(String text, int n) {
        Set<String> ngrams = new HashSet<>();
        for (int i = 0; i + n <= text.length(); i++) {
            boolean allLetters = true;
            for (int k = i; k < i + n && allLetters; k++) {
                allLetters = Character.isLetter(text.charAt(k));
            }
            if (allLetters) {
                ngrams.add(text.substring(i, i + n));
            }
        }
        return ngrams;
    }

    /**
     * For English and French, each n-gram's log frequency, or that of its longest prefix the language knows, NaN
     * where it knows none, in the set's order. The look-ups go one prefix length at a time over all the n-grams:
     * those of a pass do not wait on each other, so the processor overlaps their cache misses (the table is far
     * larger than the caches, and the rest of the engine has evicted it by the next call).
     */
    private float[][] scores(Set<String> ngrams, int n) {
        int m = ngrams.size();
        long[][] prefixes = new long[n + 1][m];
        long[] codes = new long[n + 1];
        int j = 0;
        for (String ngram : ngrams) {
            prefixCodes(ngram, codes);
            for (int k = 1; k <= n; k++) {
                prefixes[k][j] = codes[k];
            }
            j++;
        }
        float[] english = new float[m];
        float[] french = new float[m];
        Arrays.fill(english, Float.NaN);
        Arrays.fill(french, Float.NaN);
        for (int k = n; k >= 1; k--) {
            for (j = 0; j < m; j++) {
                if (Float.isNaN(english[j]) || Float.isNaN(french[j])) {
                    long both = logFrequencies(prefixes[k][j]);
                    english[j] = Float.isNaN(english[j]) ? english(both) : english[j];
                    french[j] = Float.isNaN(french[j]) ? french(both) : french[j];
                }
            }
        }
        return new float[][]{english, french};
    }

    /** The scores summed in float, in order, as Lingua sums them. */
    private static float sum(float[] scores) {
        float sum = 0f;
        for (float score : scores) {
            sum += Float.isNaN(score) ? 0f : score;
        }
        return sum;
    }

    private static int known(float[] scores) {
        int known = 0;
        for (float score : scores) {
            known += Float.isNaN(score) ? 0 : 1;
        }
        return known;
    }

    /** English or French when one leads by Lingua's minimum relative distance, NEITHER otherwise. */
    private static Answer mostLikely(float english, float french) {
        if (english == 0f && french == 0f) {
            return Answer.NEITHER;
        }
        if (english == 0f || french == 0f) {
            return english == 0f ? Answer.FRENCH : Answer.ENGLISH;
        }
        float highest = Math.max(english, french);
        double englishConfidence = highest / english;
        double frenchConfidence = highest / french;
        // Sorted by confidence, English first on a tie.
        boolean englishFirst = englishConfidence >= frenchConfidence;
        double first = englishFirst ? englishConfidence : frenchConfidence;
        double second = englishFirst ? frenchConfidence : englishConfidence;
        if (first == second || first - second < MINIMUM_RELATIVE_DISTANCE) {
            return Answer.NEITHER;
        }
        return englishFirst ? Answer.ENGLISH : Answer.FRENCH;
    }

    /** The codes of the ngram's prefixes by length (index 1 to its length); -1 from a character no model has. */
    private void prefixCodes(String ngram, long[] codes) {
        long code = 0;
        for (int k = 0; k < ngram.length(); k++) {
            int letter = letterIndex[ngram.charAt(k)];
            code = code < 0 || letter == 0 ? -1 : code << BITS | letter;
            codes[k + 1] = code;
        }
    }

    private long learn(String ngram) {
        long code = 0;
        for (int k = 0; k < ngram.length(); k++) {
            char c = ngram.charAt(k);
            if (letterIndex[c] == 0) {
                if (++letters >= 1 << BITS) {
                    throw new IllegalStateException("more than " + ((1 << BITS) - 1) + " letters in Lingua's models");
                }
                letterIndex[c] = (short) letters;
            }
            code = code << BITS | letterIndex[c];
        }
        return code;
    }

    /** Both languages' log frequencies of the n-gram, packed as {@link #english} and {@link #french} read them. */
    private long logFrequencies(long code) {
        if (code >= 0) {
            for (int slot = slot(code); table[2 * slot] != 0; slot = (slot + 1) & mask) {
                if (table[2 * slot] == code) {
                    return table[2 * slot + 1];
                }
            }
        }
        return ABSENT;
    }

    private static float english(long both) {
        return Float.intBitsToFloat((int) (both >>> 32));
    }

    private static float french(long both) {
        return Float.intBitsToFloat((int) both);
    }

    private static long pack(float english, float french) {
        return (long) Float.floatToRawIntBits(english) << 32 | Float.floatToRawIntBits(french) & 0xffffffffL;
    }

    private void put(long code, int language, float logFrequency) {
        if (4 * (size + 1) > 3 * capacity()) {
            long[] old = table;
            allocate(capacity() * 2);
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0) {
                    int slot = free(old[i]);
                    table[2 * slot] = old[i];
                    table[2 * slot + 1] = old[i + 1];
                    size++;
                }
            }
        }
        int slot = free(code);
        if (table[2 * slot] == 0) {
            table[2 * slot] = code;
            size++;
        }
        long both = table[2 * slot + 1];
        table[2 * slot + 1] = language == 0 ? pack(logFrequency, french(both)) : pack(english(both), logFrequency);
    }

    /** The slot that holds the code, or the empty one where it would go. */
    private int free(long code) {
        int slot = slot(code);
        while (table[2 * slot] != 0 && table[2 * slot] != code) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int capacity() {
        return table.length / 2;
    }

    private void allocate(int capacity) {
        table = new long[2 * capacity];
        for (int slot = 0; slot < capacity; slot++) {
            table[2 * slot + 1] = ABSENT;
        }
        mask = capacity - 1;
        size = 0;
    }

    private int slot(long code) {
        return (int) ((code * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
