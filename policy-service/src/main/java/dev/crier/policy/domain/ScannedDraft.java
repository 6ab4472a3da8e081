package dev.crier.policy.domain;

import com.twitter.twittertext.Extractor;
import dev.crier.events.Draft;
import dev.crier.policy.domain.text.Graphemes;
import dev.crier.policy.domain.text.MappedText;
import dev.crier.policy.domain.text.TextFolder;
import dev.crier.policy.domain.text.TwitterEntities;
import dev.crier.privacy.Detection;
import dev.crier.privacy.Detector;

import java.util.ArrayList;
import java.util.List;

/** A draft read once for every rule: each version's folded and squeezed views are made on first use and kept. */
public final class ScannedDraft {

    /** A scheme ("://"), or a dot between a letter, digit or hyphen and two letters (canada.ca, www.x). */
    public static boolean mayHoldLink(String text) {
        if (text.contains("://")) {
            return true;
        }
        for (int i = text.indexOf('.'); i > 0 && i + 2 < text.length(); i = text.indexOf('.', i + 1)) {
            char before = text.charAt(i - 1);
            if ((Character.isLetterOrDigit(before) || before == '-')
                    && Character.isLetter(text.charAt(i + 1)) && Character.isLetter(text.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private final Draft draft;
    private final Deadline deadline;
    private final List<Version> versions = new ArrayList<>();

    public ScannedDraft(Draft draft, Deadline deadline) {
        this.draft = draft;
        this.deadline = deadline;
        draft.versions().forEach((language, text) -> versions.add(new Version(language, text, deadline)));
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
        private final Deadline deadline;
        private MappedText folded;
        private Graphemes graphemes;
        private MappedText squeezed;
        private Boolean mayHoldLink;
        private List<Extractor.Entity> urls;
        private List<Detection> detections;

        Version(String language, String text, Deadline deadline) {
            this.language = language;
            this.text = text;
            this.deadline = deadline;
        }

        public String language() {
            return language;
        }

        public String text() {
            return text;
        }

        /** A view for a regular expression that stops it (Deadline.Exceeded) once the draft's budget is spent. */
        public CharSequence guarded(CharSequence view) {
            return deadline.guard(view);
        }

        /** The text's grapheme boundaries, to report spans of whole characters. */
        public Graphemes graphemes() {
            if (graphemes == null) {
                graphemes = new Graphemes(text);
            }
            return graphemes;
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

        /**
         * Whether the text could hold a link at all: a scheme, "www." or a dot between a letter or digit and two
         * letters (canada.ca). Cheap, and false for most posts, which then skip URL extraction entirely.
         */
        public boolean mayHoldLink() {
            if (mayHoldLink == null) {
                mayHoldLink = ScannedDraft.mayHoldLink(text);
            }
            return mayHoldLink;
        }

        /** The links in the text as twitter-text finds them: its URL grammar is costly, so it runs once a version. */
        public List<Extractor.Entity> urls() {
            if (urls == null) {
                urls = mayHoldLink() ? List.copyOf(TwitterEntities.urls(text)) : List.of();
            }
            return urls;
        }

        /** The personal information and secrets in the text, found once for the privacy and credential rules. */
        public List<Detection> detections() {
            if (detections == null) {
                detections = Detector.detect(text);
            }
            return detections;
        }

        public boolean contains(char c) {
            return text.indexOf(c) >= 0;
        }
    }
}
