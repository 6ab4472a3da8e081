package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.MappedText;

/** Builds findings: the message in English and French, where it is, and how to fix it. */
final class Found {
    private Found() {
    }

    static Finding at(String ruleId, Finding.Action action, boolean sensitive, ScannedDraft.Version v, int start, int end,
                      String excerpt, String en, String fr, String fix) {
        return new Finding(ruleId, action, sensitive, en, fr, v.language(), start, end, excerpt, fix);
    }

    /**
     * A finding over [start, end) of a view, placed at the matching span of the original text, widened to whole
     * graphemes (a view drops combining marks and joiners, which belong to the characters around them).
     */
    static Finding inView(String ruleId, Finding.Action action, boolean sensitive, ScannedDraft.Version v, MappedText view,
                          int start, int end, String excerpt, String en, String fr, String fix) {
        int[] span = v.graphemes().widen(view.originalStart(start), view.originalEnd(end));
        return at(ruleId, action, sensitive, v, span[0], span[1], excerpt, en, fr, fix);
    }
}
