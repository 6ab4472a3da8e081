package dev.crier.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ReviewQueue#sweep} every {@code crier.review.sweep-interval}: expiries, escalations and unsent events.
 * A plain scheduled executor (like the policy file watcher) rather than the Quarkus scheduler: one periodic task
 * needs no extension. Every sweep is idempotent (row locks and state checks), so several instances may run it.
 */
@ApplicationScoped
public class ReviewSweeper {

    private static final Logger LOG = Logger.getLogger(ReviewSweeper.class);

    private final ReviewQueue queue;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ReviewSweeper(ReviewQueue queue,
                         @ConfigProperty(name = "crier.review.sweep-interval", defaultValue = "15s") Duration interval) {
        this.queue = queue;
        this.interval = interval;
    }

    void start(@Observes StartupEvent start) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "review-sweeper"));
        executor.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sweep() {
        try {
            queue.sweep();
        } catch (RuntimeException e) {
            LOG.warnf("review sweep failed, next one in %s: %s", interval, e.toString());
        }
    }
}
