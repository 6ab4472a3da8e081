package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Chars;
import dev.crier.policy.domain.text.Lexicon;
import dev.crier.policy.domain.text.MappedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * neutrality.partisan: a federal or provincial party named in the same sentence as a call to vote for, support, join
 * or donate to it, or a slogan the policy lists. Naming a party alone (reporting what it did) is not partisan. Party
 * names that are common words too (Liberal, Green, conservateur) count only right after a call to vote, articles
 * aside ("Vote Liberal", "vote for the Green candidate", "votez pour le Bloc"), so "the liberal arts", "a conservative
 * estimate" and "green space" pass.
 */
public final class PartisanRule implements Rule {

    private enum Kind { PARTY, PARTY_WORD, CALL, VOTE_CALL, SLOGAN }

    /** What may stand between a call to vote and a party word: "vote for the Liberal", "votez pour le Bloc". */
    private static final Set<String> BETWEEN = Set.of("for", "the", "a", "pour", "le", "la", "les", "l", "un", "une");

    private final Finding.Action action;
    private final Lexicon<Kind> terms;

    public PartisanRule(Finding.Action action, List<String> parties, List<String> partyWords, List<String> calls,
                        List<String> voteCalls, List<String> slogans) {
        this.action = action;
        Map<String, Kind> all = new LinkedHashMap<>();
        slogans.forEach(s -> all.put(s, Kind.SLOGAN));
        parties.forEach(p -> all.putIfAbsent(p, Kind.PARTY));
        partyWords.forEach(p -> all.putIfAbsent(p, Kind.PARTY_WORD));
        voteCalls.forEach(c -> all.putIfAbsent(c, Kind.VOTE_CALL));
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
            for (int i = 0; i < hits.size(); i++) {
                var word = hits.get(i);
                if (word.value() == Kind.PARTY_WORD && i > 0 && hits.get(i - 1).value() == Kind.VOTE_CALL
                        && onlyArticlesBetween(text, hits.get(i - 1).end(), word.start())) {
                    var call = hits.get(i - 1);
                    findings.add(finding(v, text, call.start(), word.end(), "'" + call.term() + "' with " + word.term()));
                }
            }
            // A sentence is one stretch of text, so if any call shares a party's sentence, the nearest call does:
            // look at the nearest call before the party, then after it. Both tables only once a party is named.
            int[] sentence = null;
            Lexicon.Hit<Kind>[] nextCall = null;
            Lexicon.Hit<Kind> lastCall = null;
            for (int i = 0; i < hits.size(); i++) {
                var party = hits.get(i);
                if (isCall(party)) {
                    lastCall = party;
                }
                if (party.value() != Kind.PARTY) {
                    continue;
                }
                if (sentence == null) {
                    sentence = sentences(text);
                    nextCall = nextCalls(hits);
                }
                var call = lastCall != null && sentence[lastCall.start()] == sentence[party.start()] ? lastCall
                        : nextCall[i] != null && sentence[nextCall[i].start()] == sentence[party.start()] ? nextCall[i] : null;
                if (call != null) {
                    findings.add(finding(v, text, Math.min(party.start(), call.start()), Math.max(party.end(), call.end()),
                            "'" + call.term() + "' with " + party.term()));
                }
            }
        }
        return findings;
    }

    private Finding finding(ScannedDraft.Version v, MappedText text, int start, int end, String what) {
        int[] span = v.graphemes().widen(text.originalStart(start), text.originalEnd(end));
        return Found.at(id(), action, false, v, span[0], span[1], v.text().substring(span[0], span[1]),
                "Partisan content (" + what + "): public service communications stay non-partisan.",
                "Contenu partisan (" + what + ") : les communications gouvernementales restent non partisanes.",
                "Remove the call to support a party, or the slogan.");
    }

    private static boolean onlyArticlesBetween(MappedText text, int from, int to) {
        int words = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (!Chars.isLetter(c)) {
                if (c != ' ' && c != '\'') {
                    return false;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < to && Chars.isLetter(text.charAt(i))) {
                i++;
            }
            if (++words > 2 || !BETWEEN.contains(new String(text.chars(), start, i - start))) {
                return false;
            }
        }
        return true;
    }

    /** For each hit, the first call after it, or null. */
    @SuppressWarnings("unchecked")
    private static Lexicon.Hit<Kind>[] nextCalls(List<Lexicon.Hit<Kind>> hits) {
        Lexicon.Hit<Kind>[] next = new Lexicon.Hit[hits.size()];
        Lexicon.Hit<Kind> call = null;
        for (int i = hits.size() - 1; i >= 0; i--) {
            next[i] = call;
            call = isCall(hits.get(i)) ? hits.get(i) : call;
        }
        return next;
    }

    private static boolean isCall(Lexicon.Hit<Kind> hit) {
        return hit.value() == Kind.CALL || hit.value() == Kind.VOTE_CALL;
    }

    /** For each character, the number of the sentence it is in: sentences end at '.', '!', '?' and line breaks. */
    private static int[] sentences(MappedText text) {
        int[] sentence = new int[text.length()];
        int n = 0;
        for (int i = 0; i < sentence.length; i++) {
            sentence[i] = n;
            char c = text.charAt(i);
            n += c == '.' || c == '!' || c == '?' || c == '\n' ? 1 : 0;
        }
        return sentence;
    }
}
