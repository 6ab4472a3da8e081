package dev.crier.policy.domain.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Graphemes;
import dev.crier.policy.domain.text.Lexicon;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * language.profanity: profanity and slurs, each version checked against its own language's list (so the French
 * "bite" is not looked for in English text), also when written to slip past filters. Severe terms take the rule's
 * action, mild ones its lesser action.
 */
public final class ProfanityRule implements Rule {

    public enum Severity {
        SEVERE, MILD
    }

    private final Finding.Action severeAction;
    private final Finding.Action mildAction;
    private final Map<String, Lexicon<Severity>> lexicons;
    /** Each term's masked excerpt, made once: the grapheme iterator costs more than a look-up. */
    private final Map<String, String> masks = new ConcurrentHashMap<>();

    public ProfanityRule(Finding.Action severeAction, Finding.Action mildAction, Map<String, Lexicon<Severity>> lexicons) {
        this.severeAction = severeAction;
        this.mildAction = mildAction;
        this.lexicons = Map.copyOf(lexicons);
    }

    @Override
    public String id() {
        return "language.profanity";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            Lexicon<Severity> lexicon = lexicons.get(v.language());
            if (lexicon == null) {
                continue;
            }
            for (var hit : lexicon.find(v.squeezed())) {
                boolean severe = hit.value() == Severity.SEVERE;
                String word = hit.term();
                findings.add(Found.inView(id(), severe ? severeAction : mildAction, false, v, v.squeezed(),
                        hit.start(), hit.end(), masks.computeIfAbsent(word, Graphemes::maskAfterFirst),
                        severe ? "Profanity or a slur: a government account never publishes this."
                                : "Coarse language: does it belong in a government post?",
                        severe ? "Grossièreté ou insulte : un compte gouvernemental ne publie jamais cela."
                                : "Langage vulgaire : a-t-il sa place dans une publication gouvernementale?",
                        "Reword without it."));
            }
        }
        return findings;
    }

    /** The LDNOOBW lists (CC BY 4.0, kept in lexicons/ldnoobw with their licence) with the project's tiers. */
    @SuppressWarnings("unchecked")
    public static Map<String, Lexicon<Severity>> defaultLexicons() {
        Map<String, Object> tiers = new Yaml(new SafeConstructor(new LoaderOptions())).load(resource("/lexicons/severity.yaml"));
        Map<String, Lexicon<Severity>> out = new LinkedHashMap<>();
        for (String language : List.of("en", "fr")) {
            Map<String, List<String>> tier = (Map<String, List<String>>) tiers.get(language);
            Set<String> mild = new HashSet<>(tier.getOrDefault("mild", List.of()));
            Set<String> excluded = new HashSet<>(tier.getOrDefault("excluded", List.of()));
            Map<String, Severity> terms = new LinkedHashMap<>();
            try (InputStream in = resource("/lexicons/ldnoobw/" + language + ".json")) {
                for (String term : new ObjectMapper().readValue(in, String[].class)) {
                    if (!excluded.contains(term)) {
                        terms.put(term, mild.contains(term) ? Severity.MILD : Severity.SEVERE);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mild.forEach(term -> terms.putIfAbsent(term, Severity.MILD));
            out.put(language, new Lexicon<>(terms));
        }
        return out;
    }

    private static InputStream resource(String path) {
        InputStream in = ProfanityRule.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
