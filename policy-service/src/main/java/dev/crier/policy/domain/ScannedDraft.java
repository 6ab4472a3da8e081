package dev.crier.policy.domain;

import dev.crier.events.Draft;
import dev.crier.policy.domain.text.MappedText;
import dev.crier.policy.domain.text.TextFolder;

import java.util.ArrayList;
import java.util.List;

/** A draft read once for every rule: each version's folded and squeezed views are made on first use and kept. */
public final class ScannedDraft {

    private final Draft draft;
    private final List<Version> versions = new ArrayList<>();

    public ScannedDraft(Draft draft) {
        this.draft = draft;
        draft.versions().forEach((language, text) -> versions.add(new Version(language, text)));
    }

    public Draft draft() {
        return draft;
    }

    /** The text in its declared language first, then each translation. */
    public List<Version> versions() {
        return versions;
    }

    /** One version of the text, named by its language code. */
    public static final class Version {
        private final String language;
        private final String text;
        private MappedText folded;
        private MappedText squeezed;

        Version(String language, String text) {
            this.language = language;
            this.text = text;
        }

        public String language() {
            return language;
        }

        public String text() {
            return text;
        }

        public MappedText folded() {
            if (folded == null) {
                folded = TextFolder.fold(text);
            }
            return folded;
        }

        public MappedText squeezed() {
            if (squeezed == null) {
                squeezed = TextFolder.squeeze(folded());
            }
            return squeezed;
        }
    }
}
