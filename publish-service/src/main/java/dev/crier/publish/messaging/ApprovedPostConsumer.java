package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.publish.domain.Publisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishes every approved post and reports the outcome once all its platforms have answered. The record is
 * acknowledged only after Kafka took the outcome; a redelivery finds every platform final in the ledger, calls none
 * of them again, and re-sends the same outcome under the same event id, which consumers drop.
 */
@ApplicationScoped
public class ApprovedPostConsumer {

    private final IncomingEvents incoming;
    private final Publisher publisher;
    private final EventSender sender;
    private final Clock clock;
    private final String source;

    public ApprovedPostConsumer(IncomingEvents incoming, Publisher publisher, EventSender sender, Clock clock,
                                @ConfigProperty(name = "crier.events.source") String source) {
        this.incoming = incoming;
        this.publisher = publisher;
        this.sender = sender;
        this.clock = clock;
        this.source = source;
    }

    @Incoming("posts-approved")
    @Blocking
    public CompletionStage<Void> onApproved(Message<String> m) {
        return incoming.handle(m, EventType.POST_APPROVED, this::publish);
    }

    private void publish(Event<PostDecided> event) {
        String postId = event.data().postId();
        List<PublishOutcome.PlatformResult> results = publisher.publish(event.data());
        PublishOutcome.Status status = PublishOutcome.statusOf(results);
        Instant now = clock.instant();
        sender.send(Event.of(EventType.outcomeOf(status), source, postId, null, now,
                new PublishOutcome(postId, status, results, now)));
    }
}
