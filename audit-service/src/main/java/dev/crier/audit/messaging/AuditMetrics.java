package dev.crier.audit.messaging;

import dev.crier.audit.verify.LedgerCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;

/**
 * The ledger as ops watch it, from what the checkpointer saw at its last tick and the last verification:
 * {@code crier_audit_tree_size}, {@code crier_audit_checkpoint_size}, {@code crier_audit_checkpoint_age_seconds}
 * (since the newest checkpoint was issued; a quiet log's checkpoint ages without anything being wrong, so alert on
 * age only while the tree is larger than the checkpoint), {@code crier_audit_verification_sound} (1 sound, 0 not
 * sound or could not run, -1 never run) and {@code crier_audit_verification_bad_decisions}.
 */
@ApplicationScoped
public class AuditMetrics {

    private final Checkpointer checkpointer;
    private final LedgerCheck check;
    private final Clock clock;
    private final MeterRegistry metrics;

    public AuditMetrics(Checkpointer checkpointer, LedgerCheck check, Clock clock, MeterRegistry metrics) {
        this.checkpointer = checkpointer;
        this.check = check;
        this.clock = clock;
        this.metrics = metrics;
    }

    void register(@Observes StartupEvent started) {
        Gauge.builder("crier.audit.tree.size", checkpointer, Checkpointer::treeSize)
                .description("Records in the ledger's Merkle tree").register(metrics);
        Gauge.builder("crier.audit.checkpoint.size", checkpointer,
                        c -> c.newest().map(n -> (double) n.checkpoint().size()).orElse(0.0))
                .description("Records covered by the newest signed checkpoint").register(metrics);
        Gauge.builder("crier.audit.checkpoint.age", checkpointer, c -> c.newest()
                        .map(n -> Duration.between(n.issuedAt(), clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds").description("Time since the newest checkpoint was issued").register(metrics);
        Gauge.builder("crier.audit.verification.sound", check, c -> switch (c.status().state()) {
                    case SOUND -> 1;
                    case NOT_SOUND, FAILED -> 0;
                    case NEVER_RUN, RUNNING -> -1;
                }).description("The last verification: 1 sound, 0 not sound or could not run, -1 none finished")
                .register(metrics);
        Gauge.builder("crier.audit.verification.bad.decisions", check, c -> c.status().badDecisions().size())
                .description("Decisions whose signature did not verify in the last verification").register(metrics);
    }
}
