package dev.crier.policy.messaging;

import dev.crier.events.Finding;
import dev.crier.policy.domain.Evaluation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the policy decides, as ops watch it: {@code crier_policy_decisions_total} by decision,
 * {@code crier_policy_findings_total} by rule and action, and {@code crier_policy_evaluation_seconds}, the engine's
 * time per draft (buckets up to the default budget of 50 ms and past it). Counted per evaluation: a draft decided
 * again after a failed batch counts again.
 */
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry metrics;
    private final Timer evaluation;

    public DecisionMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
        this.evaluation = Timer.builder("crier.policy.evaluation").description("The policy engine's time per draft")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100))
                .register(metrics);
    }

    public Evaluation timed(Supplier<Evaluation> evaluate) {
        return evaluation.record(evaluate);
    }

    public void decided(Evaluation e) {
        Counter.builder("crier.policy.decisions").description("Drafts decided, by decision")
                .tag("decision", e.decision().name()).register(metrics).increment();
        for (Finding f : e.findings()) {
            Counter.builder("crier.policy.findings").description("Findings, by rule and action")
                    .tag("rule", f.ruleId()).tag("action", f.action().name()).register(metrics).increment();
        }
    }
}
