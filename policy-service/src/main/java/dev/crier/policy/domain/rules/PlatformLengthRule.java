package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;

/** platform.length: a version longer than a target platform allows; text is never silently cut. */
public final class PlatformLengthRule implements Rule {

    private final Finding.Action action;

    public PlatformLengthRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "platform.length";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            List<String> over = new ArrayList<>();
            for (String platform : draft.draft().platforms()) {
                int max = PlatformLimits.maxLength(platform);
                if (!PlatformLimits.surelyFits(platform, v.text(), v.mayHoldLink())) {
                    if (platform.equals("x") && v.text().length() > PlatformLimits.X_EXACT_UP_TO) {
                        int atLeast = PlatformLimits.xLengthAtLeast(v.text(), v.urls());
                        if (atLeast > max) {
                            over.add(platform + " (at least " + atLeast + " of " + max + ")");
                            continue;
                        }
                    }
                    int length = PlatformLimits.length(platform, v.text(), v.urls());
                    if (length > max) {
                        over.add(platform + " (" + length + " of " + max + ")");
                    }
                }
            }
            if (!over.isEmpty()) {
                String list = String.join(", ", over);
                findings.add(Found.at(id(), action, false, v, 0, v.text().length(), null,
                        "Too long for " + list + ".", "Trop long pour " + list + ".",
                        "Shorten this version, or publish it only where it fits."));
            }
        }
        return findings;
    }
}
