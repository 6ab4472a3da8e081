package dev.crier.stack.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads posts.decided, posts.published and posts.publish-failed as ops-reader (no consumer group: it assigns itself
 * every partition and starts at their ends, so it sees this run's events only and moves no one's offsets). A stage's
 * time is when this reader receives the event: what any downstream reader could see, a few milliseconds after the
 * broker had it.
 */
final class TopicWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of(Topics.POSTS_DECIDED, Topics.POSTS_PUBLISHED, Topics.POSTS_PUBLISH_FAILED);

    private final KafkaConsumer<String, String> consumer;
    private final Tracker tracker;
    private final Thread thread;
    private final AtomicLong publishFailed = new AtomicLong();
    private volatile boolean running = true;

    TopicWatcher(Properties opsReader, Tracker tracker) {
        Properties config = new Properties();
        config.putAll(opsReader);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.tracker = tracker;
        List<TopicPartition> partitions = TOPICS.stream().flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(topic, p.partition()))).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: take the positions now, before the first draft is sent.
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        this.thread = new Thread(this::loop, "topic-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long publishFailed() {
        return publishFailed.get();
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                long now = System.currentTimeMillis();
                switch (record.topic()) {
                    case Topics.POSTS_DECIDED -> tracker.decided(record.key(), eventId(record), decisionOf(record.value()), now);
                    case Topics.POSTS_PUBLISHED -> tracker.published(record.key(), eventId(record), now);
                    default -> publishFailed.incrementAndGet();
                }
            }
        }
        consumer.close();
    }

    /** The CloudEvents id (header ce_id): the same fact always has the same id. */
    private static String eventId(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("ce_id");
        return header == null ? "no ce_id at offset " + record.offset() : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String decisionOf(String value) {
        try {
            return JSON.readTree(value).path("decision").asText("?");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
