package dev.crier.policy;

import dev.crier.policy.domain.review.Judgement;
import dev.crier.policy.store.ReviewStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The review queue as ops watch it: {@code crier_review_queue_depth} and {@code crier_review_oldest_age_seconds}, by
 * category ("none" when a draft gave none). Read from the queue's table every {@code crier.metrics.refresh} (15 s), so a
 * scrape never waits on the database. {@code crier_reviews_total{action}} counts the steps taken on reviews.
 */
@ApplicationScoped
public class ReviewQueueMetrics {

    private static final Logger LOG = Logger.getLogger(ReviewQueueMetrics.class);

    private final ReviewStore store;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final MultiGauge depth;
    private final MultiGauge oldest;

    public ReviewQueueMetrics(ReviewStore store, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.depth = MultiGauge.builder("crier.review.queue.depth").description("Drafts waiting for review")
                .register(metrics);
        this.oldest = MultiGauge.builder("crier.review.oldest.age").baseUnit("seconds")
                .description("How long the oldest draft waiting for review has waited").register(metrics);
        // Every action shows from the start, at zero, so that a rate over it is defined before the first review.
        Stream.concat(Stream.of(Judgement.Verdict.values()).map(Enum::name), Stream.of("EXPIRE", "ESCALATE"))
                .forEach(this::reviews);
    }

    @Scheduled(every = "${crier.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            List<ReviewStore.Waiting> waiting = store.pendingByCategory();
            var now = clock.instant();
            depth.register(waiting.stream().map(w -> MultiGauge.Row.of(tags(w), w.count())).toList(), true);
            oldest.register(waiting.stream().map(w -> MultiGauge.Row.of(tags(w),
                    Duration.between(w.oldestReceivedAt(), now).toMillis() / 1000.0)).toList(), true);
        } catch (RuntimeException e) {
            LOG.debugf("review queue metrics not refreshed: %s", e.toString());
        }
    }

    /**
     * Counts a review step once its transaction committed: a person's verdict ({@code APPROVE}, {@code REJECT},
     * {@code REQUEST_CHANGES}; one of two approvals counts too) or the queue's own {@code EXPIRE} and
     * {@code ESCALATE}.
     */
    public void reviewed(String action) {
        reviews(action).increment();
    }

    private Counter reviews(String action) {
        return Counter.builder("crier.reviews").description("Review steps taken, by action").tag("action", action)
                .register(metrics);
    }

    private static Tags tags(ReviewStore.Waiting w) {
        return Tags.of("category", w.category() == null ? "none" : w.category());
    }
}
