package dev.crier.audit.messaging;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.store.AuditLedger;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionStage;

/**
 * Appends every valid event of every pipeline topic to the ledger, exactly as it arrived. One channel, handled in
 * order: this is the ledger's single writer.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final Set<EventType<?>> PIPELINE = EventType.all().stream()
            .filter(t -> Topics.pipeline().contains(t.topic())).collect(Collectors.toUnmodifiableSet());

    private final IncomingEvents incoming;
    private final AuditLedger ledger;

    public EventRecorder(IncomingEvents incoming, AuditLedger ledger) {
        this.incoming = incoming;
        this.ledger = ledger;
    }

    @Incoming("pipeline")
    @Blocking
    public CompletionStage<Void> onEvent(Message<String> message) {
        // The handler needs the record's value as received, not only the parsed event.
        return incoming.handle(message, PIPELINE, event -> record(ReceivedEvent.of(event, message.getPayload())));
    }

    private void record(ReceivedEvent event) {
        if (!ledger.append(event)) {
            LOG.debugf("event %s (%s) is already in the ledger; dropped the repeat", event.eventId(), event.type());
        }
    }
}
