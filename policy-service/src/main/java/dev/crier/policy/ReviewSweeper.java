package dev.crier.policy;

import dev.crier.policy.config.ReviewQueueSettings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs {@link ReviewQueue#sweep} every {@code crier.review.sweep-interval}: expiries and escalations. Every sweep is
 * idempotent (row locks and state checks), so several instances may run it.
 */
@ApplicationScoped
public class ReviewSweeper {

    private static final Logger LOG = Logger.getLogger(ReviewSweeper.class);

    private final ReviewQueue queue;
    private final ReviewQueueSettings settings;

    public ReviewSweeper(ReviewQueue queue, ReviewQueueSettings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Scheduled(every = "${crier.review.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            queue.sweep();
        } catch (RuntimeException e) {
            LOG.warnf("review sweep failed, next one in %s: %s", settings.sweepInterval(), e.toString());
        }
    }
}
