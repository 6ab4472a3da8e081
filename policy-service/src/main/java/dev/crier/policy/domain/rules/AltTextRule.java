package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * accessibility.alt-text: every image and video needs alt text that describes it; empty text or a bare file name
 * does not.
 */
public final class AltTextRule implements Rule {

    private static final Pattern FILE_NAME = Pattern.compile("(?i)^[\\w.-]+\\.(png|jpe?g|gif|webp|heic|svg|bmp|tiff?|mp4|mov|webm|avi)$");

    private final Finding.Action action;

    public AltTextRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "accessibility.alt-text";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        var media = draft.draft().media();
        for (int i = 0; i < media.size(); i++) {
            String alt = media.get(i).altText();
            if (alt == null || alt.isBlank() || FILE_NAME.matcher(alt.trim()).matches()) {
                findings.add(new Finding(id(), action, false,
                        "Media item " + (i + 1) + " has no alt text describing it.",
                        "L'élément média " + (i + 1) + " n'a pas de texte de remplacement qui le décrit.",
                        "media[" + i + "]", 0, 0, alt, "Describe what the image or video shows, for screen reader users."));
            }
        }
        return findings;
    }
}
