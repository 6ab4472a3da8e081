package dev.crier.policy.messaging;

import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.platform.messaging.IncomingEvents.Applied;
import dev.crier.policy.ReviewQueue;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Feeds the review queue from posts.review, a poll's records in one transaction (platform's
 * {@link IncomingEvents#handleBatch}). Acknowledged once the drafts are in the queue's table; a redelivery changes
 * nothing (the event id is recorded with it), and a record that is not a review event goes to posts.review.dlq.
 */
@ApplicationScoped
public class ReviewConsumer {

    private static final Set<EventType<?>> REVIEWS = Set.of(EventType.POST_REVIEW);

    private final IncomingEvents incoming;
    private final ReviewQueue queue;

    public ReviewConsumer(IncomingEvents incoming, ReviewQueue queue) {
        this.incoming = incoming;
        this.queue = queue;
    }

    @Incoming("posts-review")
    @Blocking
    public CompletionStage<Void> onReviews(KafkaRecordBatch<String, String> batch) {
        return incoming.handleBatch(batch, REVIEWS, (c, event) -> {
            queue.enqueue(c, (PostDecided) event.data());
            return Applied.DONE;
        });
    }
}
