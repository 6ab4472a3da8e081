package dev.crier.policy.domain;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.rules.Masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks what sensitive findings found in a draft's text and translations, keeping lengths (and so offsets) as
 * they were. A rejected draft travels on in this form, so its secrets go no further than the policy. A draft the
 * engine could not finish checking ({@link PolicyEngine#UNFINISHED}) may hold what no rule got to find: every
 * version of it is masked whole.
 */
public final class Redaction {
    private Redaction() {
    }

    public static Draft maskSensitive(Draft draft, List<Finding> findings) {
        Map<String, String> versions = new LinkedHashMap<>(draft.versions());
        if (findings.stream().anyMatch(f -> f.ruleId().equals(PolicyEngine.UNFINISHED))) {
            versions.replaceAll((language, text) -> Masking.blank(text, 0, text.length()));
        }
        for (Finding f : findings) {
            String text = versions.get(f.version());
            if (f.sensitive() && text != null && f.end() <= text.length() && f.start() < f.end()) {
                versions.put(f.version(), Masking.blank(text, f.start(), f.end()));
            }
        }
        Map<String, String> translations = new LinkedHashMap<>(versions);
        String text = translations.remove(draft.language());
        return new Draft(text, draft.language(), translations, draft.platforms(), draft.media(), draft.author(),
                draft.category(), draft.publishAt(), draft.repostOf(), draft.externalId());
    }
}
