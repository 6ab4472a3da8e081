package dev.crier.platform.outbox;

import dev.crier.platform.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code crier_outbox_waiting}: events saved and not yet on Kafka (a backlog that grows means the broker is away or
 * slow); {@code crier_outbox_refused}: events Kafka refused for good, set aside for ops. Read every {@code crier.metrics.refresh}, so that a
 * scrape never waits on the database.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final Database database;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public OutboxMetrics(Database database, MeterRegistry metrics) {
        this.database = database;
        Gauge.builder("crier.outbox.waiting", waiting, AtomicLong::get)
                .description("Events saved and not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("crier.outbox.refused", refused, AtomicLong::get)
                .description("Events Kafka refused for good, kept in outbox_refused for ops").register(metrics);
    }

    @Scheduled(every = "${crier.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            Outbox.Counts counts = database.inTransaction(Outbox::counts);
            waiting.set(counts.waiting());
            refused.set(counts.refused());
        } catch (RuntimeException e) {
            LOG.debugf("outbox metrics not refreshed: %s", e.toString());
        }
    }
}
