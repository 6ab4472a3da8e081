package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Lexicon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** confidential.codename: names the organization keeps out of public view, listed in the policy. */
public final class CodenameRule implements Rule {

    private final Finding.Action action;
    private final Lexicon<String> names;

    public CodenameRule(Finding.Action action, List<String> restrictedNames) {
        this.action = action;
        Map<String, String> terms = new LinkedHashMap<>();
        restrictedNames.forEach(n -> terms.put(n, n));
        this.names = new Lexicon<>(terms);
    }

    @Override
    public String id() {
        return "confidential.codename";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            for (var hit : names.find(v.folded())) {
                findings.add(Found.inView(id(), action, false, v, v.folded(), hit.start(), hit.end(), hit.value(),
                        "'" + hit.value() + "' is a restricted name and must not be published.",
                        "« " + hit.value() + " » est un nom restreint qui ne doit pas être publié.",
                        "Remove the name or use its public name."));
            }
        }
        return findings;
    }
}
