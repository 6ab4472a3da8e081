package dev.crier.platform.messaging;

import dev.crier.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads dead-letter topics record by record: by assignment, without a consumer group, committing nothing, so that
 * reading never moves anyone's place. The dead-letter desk lists and shows records with it; a topic's owner reads
 * the one record ops asked it to replay.
 */
@ApplicationScoped
public class DeadLetterRecords {

    /** The header SmallRye Reactive Messaging puts the reason in, and the others it adds. */
    public static final String REASON = "dead-letter-reason";
    public static final String HEADER_PREFIX = "dead-letter-";

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** One dead-lettered record as it sits in its dead-letter topic (headers as text, the last of each name). */
    public record DeadLetter(String deadLetterTopic, int partition, long offset, Instant time, String key,
                             String value, Map<String, String> headers) {

        /** The topic it was dead-lettered from. */
        public String topic() {
            return deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DLQ_SUFFIX.length());
        }

        public String reason() {
            return headers.getOrDefault(REASON, "(no reason given)");
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** A partition's records: from {@code first} (the oldest kept) to before {@code end}. */
    public record Extent(int partition, long first, long end) {
        public long count() {
            return end - first;
        }
    }

    private final Map<String, Object> kafka;

    public DeadLetterRecords(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** Each partition's extent, for each of these dead-letter topics. */
    public Map<String, List<Extent>> extents(List<String> deadLetterTopics) {
        Map<String, List<Extent>> extents = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (String topic : deadLetterTopics) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, PATIENCE);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
                extents.put(topic, partitions.stream()
                        .map(p -> new Extent(p.partition(), first.get(p), end.get(p))).toList());
            }
        }
        return extents;
    }

    /** The newest records of the topic, at most {@code limit} of each partition, newest first. */
    public List<DeadLetter> newest(String deadLetterTopic, int limit) {
        List<DeadLetter> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, PATIENCE);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
            for (TopicPartition p : partitions) {
                long from = Math.max(first.get(p), end.get(p) - limit);
                readRange(consumer, p, from, end.get(p), records);
            }
        }
        records.sort(Comparator.comparing(DeadLetter::time).reversed()
                .thenComparing(DeadLetter::partition).thenComparing(DeadLetter::offset));
        return records;
    }

    /** The record at this place, if the topic still holds it. */
    public Optional<DeadLetter> read(String deadLetterTopic, int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition p = new TopicPartition(deadLetterTopic, partition);
            if (partitions(consumer, deadLetterTopic).stream().noneMatch(p::equals)) {
                return Optional.empty();
            }
            long first = consumer.beginningOffsets(List.of(p), PATIENCE).get(p);
            long end = consumer.endOffsets(List.of(p), PATIENCE).get(p);
            if (offset < first || offset >= end) {
                return Optional.empty();
            }
            List<DeadLetter> found = new ArrayList<>();
            readRange(consumer, p, offset, offset + 1, found);
            return found.stream().filter(r -> r.offset() == offset).findFirst();
        }
    }

    private static void readRange(KafkaConsumer<String, String> consumer, TopicPartition p, long from, long to,
                                  List<DeadLetter> into) {
        if (from >= to) {
            return;
        }
        consumer.assign(List.of(p));
        consumer.seek(p, from);
        Instant deadline = Instant.now().plus(PATIENCE);
        // Offsets may have gaps (transaction markers), so read until the position passes the last wanted offset.
        while (consumer.position(p) < to && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : consumer.poll(POLL).records(p)) {
                if (r.offset() < to) {
                    into.add(of(r));
                }
            }
        }
    }

    private static DeadLetter of(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                r.value(), headers);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, PATIENCE);
        return infos == null ? List.of() : infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
