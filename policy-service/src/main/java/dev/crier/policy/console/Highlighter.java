package dev.crier.policy.console;

import dev.crier.events.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one version of a draft into plain and highlighted pieces at its findings' spans, for the console to render
 * (escaped) with each finding marked. Overlapping spans are clipped so that every character shows once.
 */
final class Highlighter {

    /** A piece of the text; {@code action} is the finding's action (lower case) when highlighted, else null. */
    @io.quarkus.qute.TemplateData
    record Piece(String text, String action, String label) {
        public boolean marked() {
            return action != null;
        }
    }

    private Highlighter() {
    }

    static List<Piece> pieces(String text, String version, List<Finding> findings) {
        List<Finding> here = findings.stream().filter(f -> version.equals(f.version()))
                .filter(f -> f.start() >= 0 && f.end() > f.start() && f.end() <= text.length())
                .sorted(Comparator.comparingInt(Finding::start)).toList();
        List<Piece> out = new ArrayList<>();
        int at = 0;
        for (Finding f : here) {
            int start = Math.max(f.start(), at);
            if (start >= f.end()) {
                continue;
            }
            if (start > at) {
                out.add(new Piece(text.substring(at, start), null, null));
            }
            out.add(new Piece(text.substring(start, f.end()), f.action().name().toLowerCase(Locale.ROOT),
                    f.ruleId() + " (" + f.action() + "): " + f.message()));
            at = f.end();
        }
        if (at < text.length()) {
            out.add(new Piece(text.substring(at), null, null));
        }
        return out;
    }
}
