package dev.crier.audit.messaging;

import dev.crier.audit.verify.LedgerCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger as ops watch it, from what the checkpointer saw at its last tick and the last verification:
 * {@code crier_audit_tree_size}, {@code crier_audit_checkpoint_size}, {@code crier_audit_checkpoint_age_seconds}
 * (since the newest checkpoint was issued; a quiet log's checkpoint ages without anything being wrong, so alert on
 * age only while the tree is larger than the checkpoint), {@code crier_audit_verification_sound} (1 sound, 0 not
 * sound or could not run, -1 never run) and {@code crier_audit_verification_bad_decisions}; and for each dead-letter
 * topic, {@code crier_dead_letters{topic}}: its records nobody has replayed or discarded yet (read from Kafka and the
 * desk's actions every {@code crier.metrics.refresh}, so that a scrape never waits on them).
 */
@ApplicationScoped
public class AuditMetrics {

    private static final Logger LOG = Logger.getLogger(AuditMetrics.class);

    private final Checkpointer checkpointer;
    private final LedgerCheck check;
    private final DeadLetterDesk deadLetters;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<String, AtomicLong> pendingDeadLetters = new ConcurrentHashMap<>();

    public AuditMetrics(Checkpointer checkpointer, LedgerCheck check, DeadLetterDesk deadLetters, Clock clock,
                        MeterRegistry metrics) {
        this.checkpointer = checkpointer;
        this.check = check;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${crier.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshDeadLetters() {
        try {
            deadLetters.pending().forEach((topic, pending) -> pendingDeadLetters.computeIfAbsent(topic, t -> {
                AtomicLong gauge = new AtomicLong();
                Gauge.builder("crier.dead.letters", gauge, AtomicLong::get).tag("topic", t)
                        .description("Dead-lettered records nobody has replayed or discarded yet").register(metrics);
                return gauge;
            }).set(pending));
        } catch (RuntimeException e) {
            LOG.debugf("dead-letter metrics not refreshed: %s", e.toString());
        }
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
