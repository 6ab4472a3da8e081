package dev.crier.policy.domain;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.rules.Masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks what sensitive findings found in a draft's text and translations, keeping lengths (and so offsets) as
 * they were. A rejected draft travels on in this form, so its secrets go no further than the policy.
 */
public final class Redaction {
    private Redaction() {
    }

    public static Draft maskSensitive(Draft draft, List<Finding> findings) {
        Map<String, String> versions = new LinkedHashMap<>(draft.versions());
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
