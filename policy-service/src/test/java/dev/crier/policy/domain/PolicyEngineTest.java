package dev.crier.policy.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.policy.domain.rules.Rule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    static final PolicyRef REF = new PolicyRef("p", "1", "a".repeat(64));
    static final Draft DRAFT = TestEngines.draft("anything", "en", List.of("sandbox"), List.of());

    static Rule rule(String id, Finding.Action action) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                return List.of(new Finding(id, action, false, "m", "m", "en", 0, 1, null, null));
            }
        };
    }

    static Rule broken(String id) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                throw new IllegalStateException("boom");
            }
        };
    }

    /**
     * An engine on a clock that never moves, so the budget is never spent: on a busy machine a GC pause can outlast
     * 50 ms of real time and would turn these decisions into reviews. The budget has its own tests below.
     */
    static PolicyEngine engine(List<Rule> rules, Set<String> shadow) {
        return new PolicyEngine(REF, rules, shadow, Duration.ofMillis(50), () -> 0L);
    }

    /** A rule that takes {@code nanos} of the test's clock, the way a slow match would. */
    static Rule slow(String id, AtomicLong clock, long nanos) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                clock.addAndGet(nanos);
                return List.of();
            }
        };
    }

    @Test
    void aSlowRuleSpendsTheBudgetAndTheDraftGoesToAPersonWithoutTheRulesLeft() {
        AtomicLong clock = new AtomicLong();
        List<String> ran = new ArrayList<>();
        Rule last = new Rule() {
            public String id() {
                return "last";
            }

            public List<Finding> check(ScannedDraft d) {
                ran.add(id());
                return List.of();
            }
        };
        var engine = new PolicyEngine(REF, List.of(rule("a", Finding.Action.ADVISORY), slow("slow", clock, 51_000_000L), last),
                Set.of(), Duration.ofMillis(50), clock::get);
        var e = engine.evaluate(DRAFT);
        assertThat(e.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("a", "engine.budget");
        Finding budget = e.findings().get(1);
        assertThat(budget.action()).isEqualTo(Finding.Action.REVIEW);
        assertThat(budget.message()).contains("50 ms").contains("last");
        assertThat(budget.messageFr()).contains("50 ms").contains("révisez");
        assertThat(ran).isEmpty();
        // Within budget (49 ms), every rule runs and nothing is added.
        var within = new PolicyEngine(REF, List.of(slow("slow", clock, 49_000_000L), last), Set.of(), Duration.ofMillis(50), clock::get);
        assertThat(within.evaluate(DRAFT).findings()).isEmpty();
        assertThat(ran).containsExactly("last");
    }

    @Test
    void aBlockFoundBeforeTheBudgetRanOutStillRejects() {
        AtomicLong clock = new AtomicLong();
        var engine = new PolicyEngine(REF, List.of(rule("b", Finding.Action.BLOCK), slow("slow", clock, 60_000_000L), rule("c", Finding.Action.ADVISORY)),
                Set.of(), Duration.ofMillis(50), clock::get);
        var e = engine.evaluate(DRAFT);
        assertThat(e.decision()).isEqualTo(Decision.REJECTED);
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("b", "engine.budget");
    }

    @Test
    void aRegularExpressionReadingAGuardedTextStopsOnceTheBudgetIsSpent() {
        AtomicLong clock = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        // Quadratic backtracking: a*b over 100,000 a's reads some 5 billion characters unless something stops it.
        Pattern quadratic = Pattern.compile("a*b");
        Rule backtracking = new Rule() {
            public String id() {
                return "backtracking";
            }

            public List<Finding> check(ScannedDraft d) {
                CharSequence text = d.versions().get(0).guarded(new CharSequence() {
                    final String s = "a".repeat(100_000);

                    public int length() {
                        return s.length();
                    }

                    public char charAt(int i) {
                        // Each read moves the test's clock by a microsecond.
                        reads.incrementAndGet();
                        clock.addAndGet(1_000);
                        return s.charAt(i);
                    }

                    public CharSequence subSequence(int start, int end) {
                        return s.subSequence(start, end);
                    }

                    public String toString() {
                        return s;
                    }
                });
                quadratic.matcher(text).find();
                return List.of();
            }
        };
        var e = new PolicyEngine(REF, List.of(backtracking), Set.of(), Duration.ofMillis(50), clock::get).evaluate(DRAFT);
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("engine.budget");
        assertThat(e.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        // Stopped within one check interval of the deadline (50,000 reads at a microsecond each).
        assertThat(reads.get()).isBetween(50_000L, 50_000L + 4_096L);
    }

    /** A rule that takes {@code millis} of wall time, either waiting (as a preempted thread does) or computing. */
    static Rule taking(String id, long millis, boolean computing) {
        return new Rule() {
            public String id() {
                return id;
            }

            public List<Finding> check(ScannedDraft d) {
                long end = System.nanoTime() + millis * 1_000_000;
                while (System.nanoTime() < end) {
                    if (computing) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(end - System.nanoTime());
                    }
                }
                return List.of();
            }
        };
    }

    @Test
    void theBudgetIsSpentComputingNotWaitingForACore() {
        // Waiting 200 ms (a busy machine that gives the thread no core) spends none of a 50 ms budget...
        var waited = PolicyEngine.onThreadCpuTime(REF, List.of(taking("waits", 200, false), rule("last", Finding.Action.ADVISORY)),
                Set.of(), Duration.ofMillis(50)).evaluate(DRAFT);
        assertThat(waited.findings()).extracting(Finding::ruleId).containsExactly("last");
        assertThat(waited.decision()).isEqualTo(Decision.APPROVED);
        // ...while computing for 200 ms spends it, and the rules after it are left to a person.
        var computed = PolicyEngine.onThreadCpuTime(REF, List.of(taking("computes", 200, true), rule("last", Finding.Action.ADVISORY)),
                Set.of(), Duration.ofMillis(50)).evaluate(DRAFT);
        assertThat(computed.findings()).extracting(Finding::ruleId).containsExactly("engine.budget");
        assertThat(computed.decision()).isEqualTo(Decision.NEEDS_REVIEW);
    }

    @Test
    void anyBlockRejectsAnyReviewSendsToAPersonOtherwiseApproved() {
        assertThat(engine(List.of(rule("a", Finding.Action.REVIEW), rule("b", Finding.Action.BLOCK)), Set.of())
                .evaluate(DRAFT).decision()).isEqualTo(Decision.REJECTED);
        var review = engine(List.of(rule("a", Finding.Action.REVIEW), rule("b", Finding.Action.ADVISORY)), Set.of())
                .evaluate(DRAFT);
        assertThat(review.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(review.riskScore()).isEqualTo(30);
        assertThat(engine(List.of(rule("a", Finding.Action.ADVISORY)), Set.of()).evaluate(DRAFT).decision())
                .isEqualTo(Decision.APPROVED);
    }

    @Test
    void shadowRulesAreRecordedButNeverDecide() {
        var e = engine(List.of(rule("new.rule", Finding.Action.BLOCK), rule("a", Finding.Action.ADVISORY)), Set.of("new.rule")).evaluate(DRAFT);
        assertThat(e.decision()).isEqualTo(Decision.APPROVED);
        assertThat(e.shadowFindings()).extracting(Finding::ruleId).containsExactly("new.rule");
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("a");
    }

    @Test
    void aRuleThatThrowsSendsTheDraftToReviewAndTheOtherRulesStillRun() {
        var withBlock = engine(List.of(broken("x"), rule("b", Finding.Action.BLOCK)), Set.of()).evaluate(DRAFT);
        assertThat(withBlock.decision()).isEqualTo(Decision.REJECTED);
        assertThat(withBlock.findings()).extracting(Finding::ruleId).containsExactly("engine.error", "b");
        var alone = engine(List.of(broken("x")), Set.of()).evaluate(DRAFT);
        assertThat(alone.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(alone.findings().get(0).message()).contains("x");
    }

    @Test
    void aStackOverflowInARuleIsAnErrorFindingNotACrash() {
        Rule deep = new Rule() {
            public String id() {
                return "deep";
            }

            public List<Finding> check(ScannedDraft d) {
                throw new StackOverflowError();
            }
        };
        var e = engine(List.of(deep, rule("b", Finding.Action.ADVISORY)), Set.of()).evaluate(DRAFT);
        assertThat(e.decision()).isEqualTo(Decision.NEEDS_REVIEW);
        assertThat(e.findings()).extracting(Finding::ruleId).containsExactly("engine.error", "b");
    }

    @Test
    void theDefaultPolicyApprovesACleanBilingualDraft() {
        var e = TestEngines.engine("canada-federal").evaluate(TestEngines.bilingual(
                "Flu clinics open Monday across the region.", "Les cliniques de grippe ouvrent lundi dans la région."));
        assertThat(e.findings()).isEmpty();
        assertThat(e.decision()).isEqualTo(Decision.APPROVED);
        assertThat(e.policy().id()).isEqualTo("canada-federal");
    }
}
