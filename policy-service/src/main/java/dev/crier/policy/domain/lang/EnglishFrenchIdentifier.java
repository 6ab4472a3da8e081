package dev.crier.policy.domain.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.Optional;
import java.util.Set;

/**
 * English or French. Lingua decides: of the maintained detectors it is the most accurate on short texts such as
 * posts (it combines n-gram models of 1 to 5 characters rather than relying on long-text statistics), and it is
 * restricted here to the two official languages. A text whose function words are plainly of one language (two or
 * more, three times as many as of the other) is decided without it, which keeps the common case fast.
 */
public final class EnglishFrenchIdentifier implements LanguageIdentifier {

    // Function words that are common in one language and rare in the other ("on", "an" are French words too).
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "are", "was", "were", "has",
            "had", "been", "for", "your", "yours", "with", "this", "that", "these", "those", "will", "would", "should",
            "could", "be", "you", "our", "my", "his", "her", "their", "its", "they", "them", "he", "she", "us", "from",
            "at", "by", "have", "in", "it", "we", "can", "all", "new", "get", "more", "about", "please", "who", "what",
            "how", "when", "where", "which", "not", "but", "if", "or", "so", "up", "out", "here", "there", "today",
            "next", "now", "only", "also", "after", "before", "into", "over", "than", "then", "do", "does", "did",
            "may", "must", "still", "starts", "begins", "good", "help", "just", "any");
    private static final Set<String> FRENCH = Set.of("le", "la", "les", "des", "et", "est", "pour", "vos", "votre",
            "avec", "sur", "du", "une", "un", "nous", "vous", "dans", "au", "aux", "ce", "cette", "sont", "qui", "que", "de",
            "ou", "pas", "leur", "leurs", "être", "été", "à", "où", "ces", "notre", "nos", "mon", "mes", "ses", "sa",
            "cet", "mais", "donc", "ne", "très", "sans", "sous", "chez", "entre", "vers", "avoir", "fait", "peut",
            "doit", "sera", "était", "aussi", "depuis", "pendant", "avant", "après", "selon", "lundi", "mardi",
            "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "aujourd", "demain", "ici", "tous", "toutes", "d", "l", "qu");
    private static final String ACCENTS = "éèêàùçôîâëïûœ";

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
        return LanguageIdentifier.super.consistentWith(language, text);
    }

    @Override
    public Optional<String> identify(String text) {
        int[] evidence = evidence(text);
        int en = evidence[0];
        int fr = evidence[1];
        if (en >= 2 && en >= 3 * fr) {
            return Optional.of("en");
        }
        if (fr >= 2 && fr >= 3 * en) {
            return Optional.of("fr");
        }
        return switch (lingua.detectLanguageOf(text)) {
            case ENGLISH -> Optional.of("en");
            case FRENCH -> Optional.of("fr");
            default -> Optional.empty();
        };
    }

    /** English and French function words, and French accents, counted: {english, french}. */
    private static int[] evidence(String text) {
        int en = 0;
        int fr = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && Character.isLetter(text.charAt(j))) {
                // French accents are evidence too; English text almost never carries them.
                fr += ACCENTS.indexOf(Character.toLowerCase(text.charAt(j))) >= 0 ? 1 : 0;
                j++;
            }
            if (j - i <= 6) {
                String w = text.substring(i, j).toLowerCase(java.util.Locale.ROOT);
                en += ENGLISH.contains(w) ? 1 : 0;
                fr += FRENCH.contains(w) ? 1 : 0;
            }
            i = j;
        }
        return new int[]{en, fr};
    }
}
