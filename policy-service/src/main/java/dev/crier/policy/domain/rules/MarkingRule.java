package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Lexicon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * confidential.marking: security markings. The single words are markings only when written as markings, in upper
 * case (SECRET, SECRET//REL CAN), so "the secret to a good winter" passes; the longer phrases are markings in any case.
 */
public final class MarkingRule implements Rule {

    private static final Pattern UPPER_CASE = Pattern.compile(
            "(?<![\\p{L}\\d])(?:TOP SECRET|TRÈS SECRET|SECRET|CONFIDENTIAL|CLASSIFIED)(?://[\\p{Lu} /]+)?(?![\\p{L}\\d])");
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
            Matcher m = UPPER_CASE.matcher(v.text());
            boolean mayBeMarked = v.text().contains("SECRET") || v.text().contains("CONFIDENTIAL") || v.text().contains("CLASSIFIED");
            while (mayBeMarked && m.find()) {
                spans.add(new int[]{m.start(), m.end()});
                findings.add(finding(v, m.start(), m.end(), m.group()));
            }
            for (var hit : PHRASES.find(v.folded())) {
                int start = v.folded().originalStart(hit.start());
                int end = v.folded().originalEnd(hit.end());
                if (spans.stream().noneMatch(s -> start < s[1] && s[0] < end)) {
                    findings.add(finding(v, start, end, v.text().substring(start, end)));
                }
            }
        }
        return findings;
    }

    private Finding finding(ScannedDraft.Version v, int start, int end, String excerpt) {
        return Found.at(id(), action, false, v, start, end, excerpt,
                "A security marking: this text may be classified or protected and must not be published.",
                "Une cote de sécurité : ce texte est peut-être classifié ou protégé et ne doit pas être publié.",
                "Remove the marked content, or confirm with your security officer that it may be released.");
    }
}
