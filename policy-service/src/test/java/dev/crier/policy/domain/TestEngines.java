package dev.crier.policy.domain;

import dev.crier.events.Draft;
import dev.crier.policy.domain.lang.EnglishFrenchIdentifier;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.policy.PolicyParser;
import dev.crier.policy.domain.rules.HashtagRule;
import dev.crier.policy.domain.rules.ProfanityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The engine as the service builds it, from the built-in policy files; the costly parts are loaded once per JVM. */
public final class TestEngines {

    private static RuleBook book;

    private TestEngines() {
    }

    public static synchronized RuleBook book() {
        if (book == null) {
            book = new RuleBook(ProfanityRule.defaultLexicons(), HashtagRule.defaultWords(), new EnglishFrenchIdentifier());
        }
        return book;
    }

    public static Policy policy(String profile) {
        try (InputStream in = TestEngines.class.getResourceAsStream("/policies/" + profile + ".yaml")) {
            return new PolicyParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The engine for a built-in profile without its time budget: the corpus tests pin every finding, and on a shared
     * machine a budget would make them depend on its load. The budget has its own tests (PolicyEngineTest).
     */
    public static PolicyEngine engine(String profile) {
        return PolicyEngine.of(policy(profile), book()).withBudget(Duration.ofDays(1));
    }

    /** A draft with the text in English and French, for the sandbox only. */
    public static Draft bilingual(String en, String fr) {
        return new Draft(en, "en", Map.of("fr", fr), List.of("sandbox"), List.of(), new Draft.Author("u-1", null, null),
                null, null, null, null);
    }

    public static Draft draft(String text, String language, List<String> platforms, List<Draft.Media> media) {
        return new Draft(text, language, Map.of(), platforms, media, new Draft.Author("u-1", null, null), null, null, null, null);
    }
}
