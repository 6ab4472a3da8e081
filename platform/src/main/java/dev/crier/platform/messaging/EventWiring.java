package dev.crier.platform.messaging;

import dev.crier.events.EventCodec;
import dev.crier.events.messaging.KafkaEvents;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The contract's codec and Kafka glue, as beans. */
public class EventWiring {

    @Produces
    @Singleton
    EventCodec codec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    KafkaEvents kafkaEvents(EventCodec codec) {
        return new KafkaEvents(codec);
    }
}
