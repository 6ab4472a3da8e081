package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;

import java.util.ArrayList;
import java.util.List;

/** platform.media: more images or videos than a target platform takes in one post. */
public final class PlatformMediaRule implements Rule {

    private final Finding.Action action;

    public PlatformMediaRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "platform.media";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        int count = draft.draft().media().size();
        List<String> over = new ArrayList<>();
        for (String platform : draft.draft().platforms()) {
            int max = PlatformLimits.maxMedia(platform);
            if (max >= 0 && count > max) {
                over.add(platform + " (at most " + max + ")");
            }
        }
        if (over.isEmpty()) {
            return List.of();
        }
        String list = String.join(", ", over);
        return List.of(new Finding(id(), action, false, count + " media items are too many for " + list + ".",
                count + " médias, c'est trop pour " + list + ".", "media", 0, 0, null,
                "Remove media, or split the post."));
    }
}
