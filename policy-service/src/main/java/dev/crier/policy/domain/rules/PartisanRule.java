package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Lexicon;
import dev.crier.policy.domain.text.MappedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * neutrality.partisan: a federal party named in the same sentence as a call to vote for, support, join or donate to
 * it, or a slogan the policy lists. Naming a party alone (reporting what it did) is not partisan.
 */
public final class PartisanRule implements Rule {

    private enum Kind { PARTY, CALL, SLOGAN }

    private final Finding.Action action;
    private final Lexicon<Kind> terms;

    public PartisanRule(Finding.Action action, List<String> parties, List<String> calls, List<String> slogans) {
        this.action = action;
        Map<String, Kind> all = new LinkedHashMap<>();
        slogans.forEach(s -> all.put(s, Kind.SLOGAN));
        parties.forEach(p -> all.putIfAbsent(p, Kind.PARTY));
        calls.forEach(c -> all.putIfAbsent(c, Kind.CALL));
        this.terms = new Lexicon<>(all);
    }

    @Override
    public String id() {
        return "neutrality.partisan";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        for (ScannedDraft.Version v : draft.versions()) {
            MappedText text = v.folded();
            List<Lexicon.Hit<Kind>> hits = terms.find(text);
            for (var hit : hits) {
                if (hit.value() == Kind.SLOGAN) {
                    findings.add(finding(v, text, hit.start(), hit.end(), "the slogan '" + hit.term() + "'"));
                }
            }
            for (var party : hits) {
                if (party.value() != Kind.PARTY) {
                    continue;
                }
                for (var call : hits) {
                    if (call.value() == Kind.CALL && sameSentence(text, party.start(), call.start())) {
                        findings.add(finding(v, text, Math.min(party.start(), call.start()), Math.max(party.end(), call.end()),
                                "'" + call.term() + "' with " + party.term()));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    private Finding finding(ScannedDraft.Version v, MappedText text, int start, int end, String what) {
        int s = text.originalStart(start);
        int e = text.originalEnd(end);
        return Found.at(id(), action, false, v, s, e, v.text().substring(s, e),
                "Partisan content (" + what + "): public service communications stay non-partisan.",
                "Contenu partisan (" + what + ") : les communications gouvernementales restent non partisanes.",
                "Remove the call to support a party, or the slogan.");
    }

    private static boolean sameSentence(MappedText text, int a, int b) {
        for (int i = Math.min(a, b); i < Math.max(a, b); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return false;
            }
        }
        return true;
    }
}
