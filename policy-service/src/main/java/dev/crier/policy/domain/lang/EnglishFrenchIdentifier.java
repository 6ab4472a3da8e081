package dev.crier.policy.domain.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English or French. Lingua decides: of the maintained detectors it is the most accurate on short texts such as
 * posts (it combines n-gram models of 1 to 5 characters rather than relying on long-text statistics), and it is
 * restricted here to the two official languages. A text full of function words of one language and none of the
 * other is decided first without it, which keeps the common case fast.
 */
public final class EnglishFrenchIdentifier implements LanguageIdentifier {

    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "are", "for", "your", "with",
            "on", "this", "that", "will", "be", "you", "our", "from", "at", "by", "have", "in", "it", "we", "an");
    private static final Set<String> FRENCH = Set.of("le", "la", "les", "des", "et", "est", "pour", "vos", "votre",
            "avec", "sur", "du", "une", "un", "nous", "vous", "dans", "au", "aux", "ce", "cette", "sont", "qui", "que", "de");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final LanguageDetector lingua = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.FRENCH)
            .withMinimumRelativeDistance(0.1)
            .build();

    @Override
    public Optional<String> identify(String text) {
        int en = 0;
        int fr = 0;
        Matcher m = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            en += ENGLISH.contains(w) ? 1 : 0;
            fr += FRENCH.contains(w) ? 1 : 0;
        }
        if (en >= 3 && fr == 0) {
            return Optional.of("en");
        }
        if (fr >= 3 && en == 0) {
            return Optional.of("fr");
        }
        return switch (lingua.detectLanguageOf(text)) {
            case ENGLISH -> Optional.of("en");
            case FRENCH -> Optional.of("fr");
            default -> Optional.empty();
        };
    }
}
