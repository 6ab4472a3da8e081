package dev.crier.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from its beginning, as an ops person with a Kafka tool would (logged in as {@code ops-reader}, with
 * no consumer group): for tests and diagnostics.
 */
public final class TopicReader {

    private final KafkaBroker kafka;

    public TopicReader(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    /** Every record on the topic that matches, read until {@code expected} match or the time runs out. */
    public List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                     int expected, Duration timeout) {
        Map<String, Object> config = kafka.clientConfig(KafkaAccess.OPS_READER);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                }
            }
            return found;
        }
    }

    /** The records of one post (the record key) on a topic. */
    public List<ConsumerRecord<String, String>> readPost(String topic, String postId, int expected, Duration timeout) {
        return read(topic, r -> postId.equals(r.key()), expected, timeout);
    }
}
