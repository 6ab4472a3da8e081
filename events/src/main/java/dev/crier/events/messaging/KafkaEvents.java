package dev.crier.events.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostEvent;
import dev.crier.events.Topics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * How events go on and come off Kafka, for every service: the record key is the post id, the CloudEvents attributes
 * travel as headers, the topic comes from the event type, and a record that is not a valid event is dead-lettered
 * to {@code <topic>.dlq} with the reason.
 */
public final class KafkaEvents {

    private final EventCodec codec;

    public KafkaEvents(EventCodec codec) {
        this.codec = codec;
    }

    /** A message for an emitter: it goes to its type's topic, whatever the channel's default. */
    public <T> Message<String> toMessage(Event<T> event) {
        return toMessage(new CloudEventHeaders.Attributes(event.id(), event.type(), event.source(), event.postId(),
                event.time()), codec.encode(event.type(), event.data()));
    }

    /** A message for an event already encoded (as an outbox keeps it): the same record as {@link #toMessage(Event)}. */
    public Message<String> toMessage(CloudEventHeaders.Attributes event, String json) {
        return Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.subject())
                .withHeaders(CloudEventHeaders.of(event))
                .build());
    }

    /**
     * Reads an incoming record as an event of one of the accepted types.
     *
     * @throws InvalidEventException when the record is not one: dead-letter it with {@link #deadLetter}
     */
    @SuppressWarnings("unchecked")
    public Event<?> read(Message<String> message, Set<EventType<?>> accepted) {
        IncomingKafkaRecordMetadata<?, ?> record = recordOf(message);
        CloudEventHeaders.Attributes ce = CloudEventHeaders.read(record.getHeaders());
        if (!accepted.contains(ce.type())) {
            throw new InvalidEventException("unexpected ce_type " + ce.type().ceType() + " on " + record.getTopic());
        }
        if (!ce.type().topic().equals(record.getTopic())) {
            throw new InvalidEventException(ce.type().ceType() + " does not belong on " + record.getTopic());
        }
        if (record.getKey() != null && !ce.subject().equals(record.getKey().toString())) {
            throw new InvalidEventException("record key " + record.getKey() + " is not the ce_subject " + ce.subject());
        }
        EventType<Object> type = (EventType<Object>) ce.type();
        Object data = codec.decode(type, message.getPayload());
        if (data instanceof PostEvent post && !post.postId().equals(ce.subject())) {
            // Consumers file events by subject: a mismatch would put this one on another post's record.
            throw new InvalidEventException("payload postId " + post.postId() + " is not the ce_subject " + ce.subject());
        }
        return new Event<>(ce.id(), type, ce.source(), ce.subject(), ce.time(), data);
    }

    /** Reads an incoming record that must be of one type. */
    @SuppressWarnings("unchecked")
    public <T> Event<T> read(Message<String> message, EventType<T> type) {
        return (Event<T>) read(message, Set.of(type));
    }

    /** Sends the record to its topic's dead-letter topic (the channel's failure-strategy must be dead-letter-queue). */
    public static CompletionStage<Void> deadLetter(Message<?> message, Throwable reason) {
        String topic = recordOf(message).getTopic();
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder()
                .withTopic(Topics.deadLetter(topic))
                .build()));
    }

    private static IncomingKafkaRecordMetadata<?, ?> recordOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
    }
}
