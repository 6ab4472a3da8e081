package dev.crier.policy.config;

import dev.crier.policy.domain.RuleBook;
import dev.crier.policy.domain.lang.EnglishFrenchIdentifier;
import dev.crier.policy.domain.rules.HashtagRule;
import dev.crier.policy.domain.rules.ProfanityRule;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the lexicons, word lists and language models once, at start; every policy reload reuses them. */
public class RuleBookProducer {

    @Produces
    @Singleton
    RuleBook ruleBook() {
        return new RuleBook(ProfanityRule.defaultLexicons(), HashtagRule.defaultWords(), new EnglishFrenchIdentifier());
    }
}
