package dev.crier.policy.corpus;

import dev.crier.events.Finding;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.TestEngines;
import dev.crier.policy.domain.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the labelled corpus through the engine with the built-in policies and prints precision and recall per rule;
 * fails when either is below 0.95 for any rule, or when a rule has no positive in the corpus.
 */
class CorpusAccuracyTest {

    static final double THRESHOLD = 0.95;

    @Test
    void everyRuleHasPrecisionAndRecallOfAtLeast95Percent() {
        List<Corpus.Entry> corpus = Corpus.load();
        assertThat(corpus).as("corpus size").hasSizeGreaterThanOrEqualTo(300);
        Map<String, PolicyEngine> engines = Map.of("canada-federal", TestEngines.engine("canada-federal"),
                "generic", TestEngines.engine("generic"));
        Map<String, int[]> counts = new TreeMap<>();
        PolicyParser.RULES.forEach(r -> counts.put(r, new int[3]));
        List<String> mistakes = new ArrayList<>();
        for (Corpus.Entry entry : corpus) {
            Set<String> fired = engines.get(entry.profile()).evaluate(entry.draft()).findings().stream()
                    .map(Finding::ruleId).collect(Collectors.toCollection(HashSet::new));
            for (String rule : counts.keySet()) {
                boolean expected = entry.expect().contains(rule);
                boolean found = fired.contains(rule);
                int[] c = counts.get(rule);
                if (expected && found) {
                    c[0]++;
                } else if (found) {
                    c[1]++;
                    mistakes.add("FP " + rule + " on " + entry.id() + ": " + entry.text());
                } else if (expected) {
                    c[2]++;
                    mistakes.add("FN " + rule + " on " + entry.id() + ": " + entry.text());
                }
            }
            assertThat(fired).as("rules the engine knows, on " + entry.id()).isSubsetOf(counts.keySet());
        }

        StringBuilder report = new StringBuilder(String.format("%n%-30s %5s %5s %5s %9s %7s%n", "rule", "TP", "FP", "FN", "precision", "recall"));
        List<String> failing = new ArrayList<>();
        counts.forEach((rule, c) -> {
            double precision = c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0.0 : (double) c[0] / (c[0] + c[2]);
            report.append(String.format("%-30s %5d %5d %5d %9.3f %7.3f%n", rule, c[0], c[1], c[2], precision, recall));
            if (precision < THRESHOLD || recall < THRESHOLD) {
                failing.add(rule);
            }
        });
        report.append(corpus.size()).append(" drafts\n");
        System.out.println(report);
        mistakes.forEach(System.out::println);
        assertThat(failing).as("rules below %.2f precision or recall (no positives counts as recall 0)%s", THRESHOLD, report).isEmpty();
    }
}
