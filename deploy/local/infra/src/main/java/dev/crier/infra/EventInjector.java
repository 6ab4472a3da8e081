package dev.crier.infra;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.messaging.CloudEventHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Puts records on the broker from outside the services: events exactly as a service would send them, and broken
 * records as a faulty producer would. For tests and for replaying dead letters by hand. Each record is written
 * as the principal the broker lets write its topic ({@link KafkaAccess#writerOf}), unless one principal is named.
 */
public final class EventInjector implements AutoCloseable {

    private final KafkaBroker kafka;
    private final Function<String, String> principalFor;
    private final Map<String, KafkaProducer<String, String>> producers = new HashMap<>();
    private final EventCodec codec = new EventCodec();

    /** Writes each topic as its owner: {@code posts.approved} as policy-service, {@code drafts.submitted} as ingest-service. */
    public EventInjector(KafkaBroker kafka) {
        this(kafka, KafkaAccess::writerOf);
    }

    /** Writes every topic as {@code principal}, whether the broker allows it or not. */
    public EventInjector(KafkaBroker kafka, String principal) {
        this(kafka, topic -> principal);
    }

    private EventInjector(KafkaBroker kafka, Function<String, String> principalFor) {
        this.kafka = kafka;
        this.principalFor = principalFor;
    }

    public <T> void send(Event<T> event) {
        raw(event.type().topic(), event.postId(), codec.encode(event.type(), event.data()), CloudEventHeaders.of(event));
    }

    /** A record with whatever key, value and headers the caller gives, valid or not. */
    public void raw(String topic, String key, String value, Headers headers) {
        try {
            producer(principalFor.apply(topic)).send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    private synchronized KafkaProducer<String, String> producer(String principal) {
        return producers.computeIfAbsent(principal, p -> {
            Map<String, Object> config = kafka.clientConfig(p);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            // A refused write fails at once instead of waiting out max.block.ms.
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        });
    }

    @Override
    public synchronized void close() {
        producers.values().forEach(KafkaProducer::close);
    }
}
