package dev.crier.policy.domain.lang;

import java.util.Optional;

/** Tells English from French; empty when the text does not say clearly enough. */
public interface LanguageIdentifier {

    Optional<String> identify(String text);
}
