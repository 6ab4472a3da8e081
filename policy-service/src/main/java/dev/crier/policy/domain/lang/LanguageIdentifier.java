package dev.crier.policy.domain.lang;

import java.util.Optional;

/** Tells English from French; empty when the text does not say clearly enough. */
public interface LanguageIdentifier {

    Optional<String> identify(String text);

    /** Whether the text is, as far as can be told, in the language: by default, whether it is identified as another. */
    default boolean consistentWith(String language, String text) {
        return identify(text).map(language::equals).orElse(true);
    }
}
