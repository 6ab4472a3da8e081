package dev.crier.audit.messaging;

import dev.crier.audit.store.AuditLedger;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Appends every valid event of every pipeline topic to the ledger, exactly as it arrived. */
@ApplicationScoped
public class EventRecorder {

    private static final Set<EventType<?>> ALL = Set.copyOf(EventType.all());

    private final IncomingEvents incoming;
    private final AuditLedger ledger;

    public EventRecorder(IncomingEvents incoming, AuditLedger ledger) {
        this.incoming = incoming;
        this.ledger = ledger;
    }

    @Incoming("pipeline")
    @Blocking
    public CompletionStage<Void> onEvent(Message<String> message) {
        return incoming.handle(message, ALL, event -> record(event, message.getPayload()));
    }

    private void record(Event<?> event, String payload) {
        ledger.append(event.id(), event.type().ceType(), event.type().topic(), event.postId(), event.source(),
                event.time(), payload.getBytes(StandardCharsets.UTF_8));
    }
}
