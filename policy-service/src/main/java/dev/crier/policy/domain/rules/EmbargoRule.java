package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** confidential.embargo: embargo notices and "draft, do not publish" notes left in the text. */
public final class EmbargoRule implements Rule {

    // Over the folded view: lower case, accents gone, every dash already a hyphen.
    private static final Pattern NOTICE = Pattern.compile(
            "\\b(?:embargoed until|under embargo|sous embargo|draft\\s*[-:]+\\s*do not publish|ebauche\\s*[-:]+\\s*ne pas publier)\\b");

    private final Finding.Action action;

    public EmbargoRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "confidential.embargo";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            String folded = v.folded().toString();
            // Every notice holds one of these words.
            if (!folded.contains("embargo") && !folded.contains("publish") && !folded.contains("publier")) {
                continue;
            }
            Matcher m = NOTICE.matcher(folded);
            while (m.find()) {
                int start = v.folded().originalStart(m.start());
                int end = v.folded().originalEnd(m.end());
                findings.add(Found.at(id(), action, false, v, start, end, v.text().substring(start, end),
                        "An embargo or draft notice: the text may not be ready to publish.",
                        "Un avis d'embargo ou d'ébauche : le texte n'est peut-être pas prêt à publier.",
                        "Check that the embargo has lifted, then remove the notice."));
            }
        }
        return findings;
    }
}
