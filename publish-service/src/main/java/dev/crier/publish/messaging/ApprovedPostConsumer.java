package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.publish.domain.Publisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Records every approved post in the ledger, then acknowledges it: the publishing itself is the worker's, from the
 * database, so a slow platform never holds up the consumer and a redelivered record (already recorded) changes
 * nothing and calls no platform.
 */
@ApplicationScoped
public class ApprovedPostConsumer {

    private final IncomingEvents incoming;
    private final Publisher publisher;
    private final PublishWorker worker;

    public ApprovedPostConsumer(IncomingEvents incoming, Publisher publisher, PublishWorker worker) {
        this.incoming = incoming;
        this.publisher = publisher;
        this.worker = worker;
    }

    @Incoming("posts-approved")
    @Blocking
    public CompletionStage<Void> onApproved(Message<String> m) {
        return incoming.handle(m, EventType.POST_APPROVED, this::accept);
    }

    private void accept(Event<PostDecided> event) {
        if (publisher.accept(event.data())) {
            worker.wake();
        }
    }
}
