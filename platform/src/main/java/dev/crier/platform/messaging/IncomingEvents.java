package dev.crier.platform.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.messaging.KafkaEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The one way a service consumes an event: a record that is not a valid event goes to {@code <topic>.dlq} with the
 * reason and the consumer goes on; a handler that fails (database down, say) is retried with backoff, so a passing
 * outage loses nothing; a record that keeps failing is dead-lettered after the last attempt rather than blocking
 * its partition for ever. Acknowledged only after the handler returned: at-least-once, and handlers drop repeats
 * by event id.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final KafkaEvents kafkaEvents;
    private final int maxAttempts;
    private final Duration firstBackoff;

    public IncomingEvents(KafkaEvents kafkaEvents,
                          @ConfigProperty(name = "crier.consumer.max-attempts", defaultValue = "8") int maxAttempts,
                          @ConfigProperty(name = "crier.consumer.first-backoff", defaultValue = "500ms") Duration firstBackoff) {
        this.kafkaEvents = kafkaEvents;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    @SuppressWarnings("unchecked")
    public <T> CompletionStage<Void> handle(Message<String> message, EventType<T> type, Consumer<Event<T>> handler) {
        return handle(message, Set.of(type), event -> handler.accept((Event<T>) event));
    }

    public CompletionStage<Void> handle(Message<String> message, Set<EventType<?>> types, Consumer<Event<?>> handler) {
        Event<?> event;
        try {
            event = kafkaEvents.read(message, types);
        } catch (InvalidEventException e) {
            LOG.warnf("dead-lettering an invalid record: %s", e.getMessage());
            return KafkaEvents.deadLetter(message, e);
        }
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                handler.accept(event);
                return message.ack();
            } catch (InvalidEventException e) {
                // Valid by the schema but not by the handler's rules (say, a REJECTED post on posts.approved):
                // retrying cannot help.
                LOG.warnf("dead-lettering event %s (%s): %s", event.id(), event.type().ceType(), e.getMessage());
                return KafkaEvents.deadLetter(message, e);
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    LOG.errorf(e, "event %s (%s) failed %d times; dead-lettering it", event.id(), event.type().ceType(), attempt);
                    return KafkaEvents.deadLetter(message, e);
                }
                LOG.warnf("event %s (%s) failed (attempt %d of %d), retrying in %s: %s", event.id(),
                        event.type().ceType(), attempt, maxAttempts, backoff, e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
