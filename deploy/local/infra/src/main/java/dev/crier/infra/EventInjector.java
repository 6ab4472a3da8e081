package dev.crier.infra;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.messaging.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts records on the broker from outside the services: events exactly as a service would send them, and broken
 * records as a faulty producer would. For tests and for replaying dead letters by hand.
 */
public final class EventInjector implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final EventCodec codec = new EventCodec();

    public EventInjector(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public <T> void send(Event<T> event) {
        raw(event.type().topic(), event.postId(), codec.encode(event.type(), event.data()), CloudEventHeaders.of(event));
    }

    /** A record with whatever key, value and headers the caller gives, valid or not. */
    public void raw(String topic, String key, String value, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
