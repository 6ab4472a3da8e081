package dev.crier.stack.load;

import dev.crier.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the broker alone takes: one plain producer ({@code acks=all}, idempotent, otherwise Kafka's defaults) writing
 * 1 KB records as fast as the broker acknowledges them, to a scratch topic with as many partitions as drafts.submitted,
 * made and deleted by the broker's admin. The pipeline's rate is compared with this one.
 */
final class RawProducer {

    static final int RECORD_BYTES = 1024;

    /** Acknowledged records per second over {@code duration}. */
    static double measure(Map<String, Object> adminConfig, Duration duration) throws Exception {
        String topic = "crier-bench-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(adminConfig)) {
            int partitions = admin.describeTopics(List.of(Topics.DRAFTS_SUBMITTED)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.DRAFTS_SUBMITTED).partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return produce(adminConfig, topic, duration);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static double produce(Map<String, Object> clientConfig, String topic, Duration duration) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        byte[] value = new byte[RECORD_BYTES];
        new Random(42).nextBytes(value);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            // Warm the connection and the metadata first, so the clock times records only.
            producer.send(new ProducerRecord<>(topic, "warm-up", value)).get(30, TimeUnit.SECONDS);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long n = 0;
            while (System.nanoTime() < end) {
                // send() blocks when the producer's buffer is full: the broker's pace sets the loop's.
                producer.send(new ProducerRecord<>(topic, "k-" + (n++ % 10_000), value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " raw records were not acknowledged");
            }
            return acknowledged.get() / seconds;
        }
    }

    private RawProducer() {
    }
}
