package dev.crier.platform.messaging;

import dev.crier.events.Event;
import dev.crier.events.messaging.KafkaEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/**
 * Sends events and returns only once Kafka has acknowledged every one of them (acks=all, idempotent producer):
 * a caller that got past {@link #send} knows the events are on the broker. Each event goes to its type's topic.
 */
@ApplicationScoped
public class EventSender {

    private final MutinyEmitter<String> emitter;
    private final KafkaEvents kafkaEvents;
    private final Duration timeout;

    public EventSender(@Channel("events-out") MutinyEmitter<String> emitter, KafkaEvents kafkaEvents,
                       @ConfigProperty(name = "crier.events.send-timeout", defaultValue = "15s") Duration timeout) {
        this.emitter = emitter;
        this.kafkaEvents = kafkaEvents;
        this.timeout = timeout;
    }

    /**
     * Blocks until all events are acknowledged.
     *
     * @throws EventNotSentException when the broker did not acknowledge in time or refused
     */
    public void send(List<? extends Event<?>> events) {
        sendMessages(events.stream().map(e -> kafkaEvents.toMessage(e)).toList());
    }

    /** Blocks until all these records (made by {@link KafkaEvents}) are acknowledged. */
    public void sendMessages(List<Message<String>> messages) {
        try {
            Uni.join().all(messages.stream().map(emitter::sendMessage).toList())
                    .andFailFast()
                    .await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new EventNotSentException("Kafka did not acknowledge " + messages.size() + " event(s)", e);
        }
    }

    public void send(Event<?> event) {
        send(List.of(event));
    }

    /** The broker did not take the events: nothing may be reported as done. */
    public static class EventNotSentException extends RuntimeException {
        public EventNotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
