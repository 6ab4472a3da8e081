package dev.crier.policy.messaging;

import dev.crier.events.EventType;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.policy.ReviewQueue;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Feeds the review queue from posts.review. Acknowledged once the draft is in the queue's table; a redelivery changes
 * nothing (the event id is recorded with it), and a record that is not a review event goes to posts.review.dlq.
 */
@ApplicationScoped
public class ReviewConsumer {

    private final IncomingEvents incoming;
    private final ReviewQueue queue;

    public ReviewConsumer(IncomingEvents incoming, ReviewQueue queue) {
        this.incoming = incoming;
        this.queue = queue;
    }

    @Incoming("posts-review")
    @Blocking
    public CompletionStage<Void> onReview(Message<String> message) {
        return incoming.handle(message, EventType.POST_REVIEW, queue::enqueue);
    }
}
