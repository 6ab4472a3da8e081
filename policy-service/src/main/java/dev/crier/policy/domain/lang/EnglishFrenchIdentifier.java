package dev.crier.policy.domain.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.crier.policy.domain.text.Chars;

import java.util.Optional;
import java.util.Set;

/**
 * English or French. Lingua decides: of the maintained detectors it is the most accurate on short texts such as
 * posts (it combines n-gram models of 1 to 5 characters rather than relying on long-text statistics), and it is
 * restricted here to the two official languages. A text whose function words are plainly of one language (two or
 * more, three times as many as of the other) is decided without it, which keeps the common case fast; of the rest,
 * the texts that only Lingua's n-gram scoring can decide are scored by {@link NgramVerdict}, the same way but on
 * this thread and without its per-call overhead.
 */
public final class EnglishFrenchIdentifier implements LanguageIdentifier {

    // Function words that are common in one language and rare in the other ("on", "an" are French words too).
    static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "are", "was", "were", "has",
            "had", "been", "for", "your", "yours", "with", "this", "that", "these", "those", "will", "would", "should",
            "could", "be", "you", "our", "my", "his", "her", "their", "its", "they", "them", "he", "she", "us", "from",
            "at", "by", "have", "in", "it", "we", "can", "all", "new", "get", "more", "about", "please", "who", "what",
            "how", "when", "where", "which", "not", "but", "if", "or", "so", "up", "out", "here", "there", "today",
            "next", "now", "only", "also", "after", "before", "into", "over", "than", "then", "do", "does", "did",
            "may", "must", "still", "starts", "begins", "good", "help", "just", "any");
    static final Set<String> FRENCH = Set.of("le", "la", "les", "des", "et", "est", "pour", "vos", "votre",
            "avec", "sur", "du", "une", "un", "nous", "vous", "dans", "au", "aux", "ce", "cette", "sont", "qui", "que", "de",
            "ou", "pas", "leur", "leurs", "être", "été", "à", "où", "ces", "notre", "nos", "mon", "mes", "ses", "sa",
            "cet", "mais", "donc", "ne", "très", "sans", "sous", "chez", "entre", "vers", "avoir", "fait", "peut",
            "doit", "sera", "était", "aussi", "depuis", "pendant", "avant", "après", "selon", "lundi", "mardi",
            "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "aujourd", "demain", "ici", "tous", "toutes", "d", "l", "qu");
    private static final String ACCENTS = "éèêàùçôîâëïûœ";
    /** The letters of the lists' words, in the order their codes use (see {@link #code}). */
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàù";
    /**
     * Per char, computed once: its place in {@link #LETTERS} whatever its case, -1 when none (see {@link #code}),
     * and whether it is a French accent in either case. Lower-casing each character of every text showed in profiles.
     */
    private static final byte[] LETTER_OF = new byte[Character.MAX_VALUE + 1];
    private static final boolean[] ACCENTED = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            LETTER_OF[i] = (byte) (c >= 'a' && c <= 'z' ? c - 'a' : c >= 'A' && c <= 'Z' ? c - 'A'
                    : c < 128 || c == '\u0130' ? -1 : LETTERS.indexOf(Character.toLowerCase(c)));
            // None lies below U+00C0.
            ACCENTED[i] = c >= '\u00c0' && ACCENTS.indexOf(Character.toLowerCase(c)) >= 0;
        }
    }

    /**
     * The lists' words by {@link #code}, open addressing in a table that stays in the cache: one probe or two a word
     * instead of a binary search in each list. {@link #KINDS} says which list: 1 English, 2 French.
     */
    private static final int[] CODES = new int[512];
    private static final byte[] KINDS = new byte[CODES.length];

    static {
        ENGLISH.forEach(w -> add(w, 1));
        FRENCH.forEach(w -> add(w, 2));
    }

    private final LanguageDetector lingua = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.FRENCH)
            .withMinimumRelativeDistance(0.1)
            .build();

    /**
     * Plainly more signs of its own language than of the other (a French place name in an English post is one sign
     * of French among many of English) settle it without the detector, and so do plainly more of the other; Lingua
     * looks only at the texts left open.
     */
    @Override
    public boolean consistentWith(String language, String text) {
        int[] evidence = evidence(text);
        int own = language.equals("en") ? evidence[0] : evidence[1];
        int other = language.equals("en") ? evidence[1] : evidence[0];
        if (own >= 1 && own >= 3 * other) {
            return true;
        }
        if (other >= 2 && other >= 3 * own) {
            return false;
        }
        return identify(text, evidence).map(language::equals).orElse(true);
    }

    @Override
    public Optional<String> identify(String text) {
        return identify(text, evidence(text));
    }

    private Optional<String> identify(String text, int[] evidence) {
        int en = evidence[0];
        int fr = evidence[1];
        if (en >= 2 && en >= 3 * fr) {
            return Optional.of("en");
        }
        if (fr >= 2 && fr >= 3 * en) {
            return Optional.of("fr");
        }
        return switch (NgramVerdict.models().answer(text)) {
            case ENGLISH -> Optional.of("en");
            case FRENCH -> Optional.of("fr");
            case NEITHER -> Optional.empty();
            case ASK_LINGUA -> lingua(text);
        };
    }

    private Optional<String> lingua(String text) {
        return switch (lingua.detectLanguageOf(text)) {
            case ENGLISH -> Optional.of("en");
            case FRENCH -> Optional.of("fr");
            default -> Optional.empty();
        };
    }

    /** English and French function words, and French accents, counted: {english, french}. */
    static int[] evidence(String text) {
        int en = 0;
        int fr = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Chars.isLetter(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Chars.isLetter(text.charAt(j))) {
                // French accents are evidence too; English text almost never carries them.
                fr += ACCENTED[text.charAt(j)] ? 1 : 0;
                j++;
            }
            if (j - i <= 6) {
                long word = code(text, i, j);
                int kind = word > 0 ? kind((int) word) : 0;
                en += kind & 1;
                fr += kind >> 1;
            }
            i = j;
        }
        return new int[]{en, fr};
    }

    /** Only words of up to six letters are looked up (their codes fit in an int); a longer one is never counted. */
    private static void add(String word, int kind) {
        long wordCode = code(word, 0, word.length());
        if (word.length() > 6 || wordCode < 0) {
            return;
        }
        int code = (int) wordCode;
        int slot = slot(code);
        while (CODES[slot] != 0 && CODES[slot] != code) {
            slot = (slot + 1) & (CODES.length - 1);
        }
        CODES[slot] = code;
        KINDS[slot] |= (byte) kind;
    }

    private static int kind(int code) {
        for (int slot = slot(code); CODES[slot] != 0; slot = (slot + 1) & (CODES.length - 1)) {
            if (CODES[slot] == code) {
                return KINDS[slot];
            }
        }
        return 0;
    }

    private static int slot(int code) {
        return (code * 0x9E3779B1) >>> 23;
    }

    /**
     * The word in lower case, five bits a letter, so that it is looked up without making a string; -1 when a letter
     * is outside {@link #LETTERS} and so in no list. 'İ' is outside: the string's lower case would be two chars.
     */
    private static long code(String text, int start, int end) {
        long code = 0;
        for (int k = start; k < end; k++) {
            int letter = LETTER_OF[text.charAt(k)];
            if (letter < 0) {
                return -1;
            }
            code = code << 5 | (letter + 1);
        }
        return code;
    }
}
