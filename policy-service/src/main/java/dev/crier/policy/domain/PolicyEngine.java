package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.rules.Rule;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs every rule of a policy over a draft and decides: any BLOCK finding rejects, any REVIEW finding sends the
 * draft to a person, otherwise it is approved. Rules in shadow mode run and are recorded but do not decide.
 * Plain Java, so it can be unit-tested and benchmarked alone; immutable, so one instance serves every thread.
 * A draft gets a time budget, in the evaluating thread's CPU time ({@link Deadline}): once it is spent, the rules not
 * yet run are skipped and the draft goes to a person (an engine.budget finding) rather than holding its partition
 * while a pathological text is matched.
 */
public final class PolicyEngine {

    private final PolicyRef ref;
    private final List<Rule> rules;
    private final Set<String> shadow;
    /** The finding of a draft whose rules did not all run: what they would have found is not known. */
    public static final String UNFINISHED = "engine.budget";

    private final Duration budget;
    private final LongSupplier wallClock;
    private final LongSupplier cpuClock;

    /** An engine whose budget is read on one clock (a test's). */
    public PolicyEngine(PolicyRef ref, List<Rule> rules, Set<String> shadow, Duration budget, LongSupplier nanoClock) {
        this(ref, rules, shadow, budget, nanoClock, nanoClock);
    }

    private PolicyEngine(PolicyRef ref, List<Rule> rules, Set<String> shadow, Duration budget, LongSupplier wallClock,
                         LongSupplier cpuClock) {
        this.ref = ref;
        this.rules = List.copyOf(rules);
        this.shadow = Set.copyOf(shadow);
        this.budget = budget;
        this.wallClock = wallClock;
        this.cpuClock = cpuClock;
    }

    /** An engine whose budget is spent in the evaluating thread's CPU time, where the JVM can measure it. */
    public static PolicyEngine onThreadCpuTime(PolicyRef ref, List<Rule> rules, Set<String> shadow, Duration budget) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongSupplier cpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
                ? threads::getCurrentThreadCpuTime : System::nanoTime;
        return new PolicyEngine(ref, rules, shadow, budget, System::nanoTime, cpu);
    }

    /** The engine for a policy file, with every rule the file names and the file's budget per draft. */
    public static PolicyEngine of(Policy policy, RuleBook book) {
        List<String> inShadow = policy.rules().entrySet().stream().filter(e -> e.getValue().shadow()).map(java.util.Map.Entry::getKey).toList();
        return onThreadCpuTime(policy.ref(), book.rulesFor(policy), Set.copyOf(inShadow), policy.evaluationBudget());
    }

    /** The same engine with another budget per draft. */
    public PolicyEngine withBudget(Duration budget) {
        return new PolicyEngine(ref, rules, shadow, budget, wallClock, cpuClock);
    }

    /**
     * Runs every rule a few times over drafts that reach each of them, so that the first drafts after a start or a
     * reload are not the ones that load classes, models and regular expressions against their budget. The drafts
     * take every path of the language check too: one plain by its function words, short versions that only the
     * n-gram models can tell apart (their tables load on first use, close to a second), and letters of another script
     * (Lingua's alphabet rules).
     */
    public void warmUp() {
        List<Draft> samples = List.of(
                sample("Flu clinics open Monday: see https://www.canada.ca/flu or write to info@canada.ca, 613-555-0100. "
                                + "#FluSeason 🙂", "Les cliniques ouvrent lundi : https://www.canada.ca/grippe, 613-555-0100. #SaisonGrippe",
                        List.of(new Draft.Media("https://www.canada.ca/a.jpg", "A nurse gives a flu shot to an older man", "image/jpeg"))),
                sample("Employment Insurance payments arrive Thursday.", "Les paiements d'assurance-emploi arrivent jeudi.", List.of()),
                sample("Passport offices close early.", "Здравствуйте, бюро паспортов закрывается рано.", List.of()));
        for (int i = 0; i < 200; i++) {
            evaluate(samples.get(i % samples.size()));
        }
    }

    private static Draft sample(String english, String french, List<Draft.Media> media) {
        return new Draft(english, "en", java.util.Map.of("fr", french), List.of("x", "mastodon", "bluesky"), media,
                new Draft.Author("warm-up", null, null), null, null, null, null);
    }

    public PolicyRef policy() {
        return ref;
    }

    public Evaluation evaluate(Draft draft) {
        Deadline deadline = new Deadline(wallClock, cpuClock, budget);
        ScannedDraft scanned = new ScannedDraft(draft, deadline);
        List<Finding> findings = new ArrayList<>();
        List<Finding> shadowFindings = new ArrayList<>();
        for (Rule rule : rules) {
            List<Finding> found;
            try {
                deadline.check();
                found = FindingLimit.apply(rule.check(scanned));
            } catch (Deadline.Exceeded e) {
                // What was found so far stands (a BLOCK still rejects); the rest is left to a person.
                findings.add(overBudget(draft, rule));
                break;
            } catch (RuntimeException | StackOverflowError e) {
                // A stack overflow (a library's recursive regular expression on a huge word) unwinds to here intact.
                // A broken rule must not let a draft through unchecked, nor drop it: a person looks at it.
                found = List.of(new Finding("engine.error", Finding.Action.REVIEW, false,
                        "Rule " + rule.id() + " could not check this draft (" + e.getClass().getSimpleName() + "); review it by hand.",
                        "La règle " + rule.id() + " n'a pas pu vérifier cette ébauche; révisez-la manuellement.",
                        draft.language(), 0, 0, null, "Report the error to the operators."));
            }
            (shadow.contains(rule.id()) ? shadowFindings : findings).addAll(found);
        }
        return new Evaluation(decide(findings), riskScore(findings), findings, shadowFindings, ref);
    }

    private Finding overBudget(Draft draft, Rule stoppedAt) {
        long ms = budget.toMillis();
        return new Finding(UNFINISHED, Finding.Action.REVIEW, false,
                "The policy could not finish checking this draft within its time budget (" + ms + " ms; stopped at "
                        + stoppedAt.id() + "); review it by hand.",
                "La politique n'a pas pu finir de vérifier cette ébauche dans le temps alloué (" + ms + " ms; arrêt à "
                        + stoppedAt.id() + ") : révisez-la manuellement.",
                draft.language(), 0, 0, null, "Check the draft against every rule by hand, or shorten it and submit it again.");
    }

    static Decision decide(List<Finding> findings) {
        Decision decision = Decision.APPROVED;
        for (Finding f : findings) {
            if (f.action() == Finding.Action.BLOCK) {
                return Decision.REJECTED;
            }
            if (f.action() == Finding.Action.REVIEW) {
                decision = Decision.NEEDS_REVIEW;
            }
        }
        return decision;
    }

    /** A rough 0-100 weight of what was found: a blocking finding alone is 60, each review finding 25, advice 5. */
    static int riskScore(List<Finding> findings) {
        int score = 0;
        for (Finding f : findings) {
            score += switch (f.action()) {
                case BLOCK -> 60;
                case REVIEW -> 25;
                case ADVISORY -> 5;
            };
        }
        return Math.min(100, score);
    }
}
