package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Lexicon;
import dev.crier.policy.domain.text.MappedText;
import dev.crier.policy.domain.text.TextFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * confidential.marking: security markings. The single words are markings only when written as markings, in upper
 * case (SECRET, SECRET//REL CAN), so "the secret to a good winter" passes; the longer phrases are markings in any case.
 * Both are read in folded text, so a marking typed with a zero-width character or soft hyphen inside, look-alike
 * Cyrillic, Greek or full-width letters, or a no-break space between its words is still one; the upper-case words in
 * a fold that keeps case. Spans are the original characters the marking was typed with.
 */
public final class MarkingRule implements Rule {

    private static final Pattern UPPER_CASE = Pattern.compile(
            "(?<![\\p{L}\\d])(?:TOP SECRET|TRES SECRET|SECRET|CONFIDENTIAL|CLASSIFIED)(?://[\\p{Lu} /]+)?(?![\\p{L}\\d])");
    private static final Lexicon<String> PHRASES = new Lexicon<>(Map.ofEntries(
            Map.entry("top secret", "en"), Map.entry("protected a", "en"), Map.entry("protected b", "en"),
            Map.entry("protected c", "en"), Map.entry("cabinet confidence", "en"),
            Map.entry("for official use only", "en"), Map.entry("internal use only", "en"),
            Map.entry("not for distribution", "en"), Map.entry("not for public release", "en"),
            Map.entry("très secret", "fr"), Map.entry("protégé a", "fr"), Map.entry("protégé b", "fr"),
            Map.entry("protégé c", "fr"), Map.entry("confidence du cabinet", "fr"),
            Map.entry("usage interne seulement", "fr"), Map.entry("ne pas diffuser", "fr")));

    private final Finding.Action action;

    public MarkingRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "confidential.marking";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            List<int[]> spans = new ArrayList<>();
            String folded = v.folded().toString();
            if (folded.contains("secret") || folded.contains("confidential") || folded.contains("classified")) {
                MappedText cased = TextFolder.foldKeepingCase(v.text());
                Matcher m = UPPER_CASE.matcher(v.guarded(cased.toString()));
                while (m.find()) {
                    int[] span = v.graphemes().widen(cased.originalStart(m.start()), cased.originalEnd(m.end()));
                    spans.add(span);
                    findings.add(finding(v, span));
                }
            }
            for (var hit : PHRASES.find(v.folded())) {
                int[] span = v.graphemes().widen(v.folded().originalStart(hit.start()), v.folded().originalEnd(hit.end()));
                if (spans.stream().noneMatch(s -> span[0] < s[1] && s[0] < span[1])) {
                    findings.add(finding(v, span));
                }
            }
        }
        return findings;
    }

    private Finding finding(ScannedDraft.Version v, int[] span) {
        return Found.at(id(), action, false, v, span[0], span[1], v.text().substring(span[0], span[1]),
                "A security marking: this text may be classified or protected and must not be published.",
                "Une cote de sécurité : ce texte est peut-être classifié ou protégé et ne doit pas être publié.",
                "Remove the marked content, or confirm with your security officer that it may be released.");
    }
}
