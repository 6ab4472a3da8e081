package dev.crier.policy.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.LocalInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Drafts put on drafts.submitted in one burst (sent without waiting record by record, so that they reach
 * policy-service in as few polls as possible), and what policy-service made of them, read from its database as an
 * administrator would.
 */
final class DraftTraffic implements AutoCloseable {

    static final String GROUP = "policy-service";

    private final KafkaBroker kafka = CrierTestResource.infra().kafka();
    private final KafkaProducer<String, String> producer;
    private final EventCodec codec = new EventCodec();

    DraftTraffic() {
        Map<String, Object> config = kafka.clientConfig(KafkaAccess.writerOf(Topics.DRAFTS_SUBMITTED));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    <T> ProducerRecord<String, String> record(Event<T> event) {
        return new ProducerRecord<>(event.type().topic(), null, event.postId(), codec.encode(event.type(), event.data()),
                CloudEventHeaders.of(event));
    }

    static ProducerRecord<String, String> poison(String key) {
        return new ProducerRecord<>(Topics.DRAFTS_SUBMITTED, null, key, "{this is not an event", new RecordHeaders());
    }

    /** Sends all, then returns once the broker acknowledged every one. */
    void burst(List<ProducerRecord<String, String>> records) {
        List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("could not produce to " + Topics.DRAFTS_SUBMITTED, e);
            }
        }
    }

    /** Waits until policy-service's group has committed every record on drafts.submitted and the outbox is empty. */
    void awaitDrained(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> lag() == 0 && outboxRows() == 0);
    }

    private long lag() throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < LocalInfra.DEFAULT_PARTITIONS; p++) {
                latest.put(new TopicPartition(Topics.DRAFTS_SUBMITTED, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    static long outboxRows() throws SQLException {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The decided_at of each of these posts that has a row in decisions. */
    static Map<String, Instant> decisions(Collection<String> postIds) throws SQLException {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement(
                "SELECT post_id::text, decided_at FROM decisions WHERE post_id::text = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", postIds.toArray()));
            Map<String, Instant> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            return out;
        }
    }

    /** policy-service's database, as its administrator. */
    static Connection database() throws SQLException {
        return CrierTestResource.infra().postgres().superuser(LocalInfra.database("policy"));
    }

    /** How many records each post (the record key) has among these. */
    static Map<String, Long> perPost(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }

    @Override
    public void close() {
        producer.close();
    }

    static List<String> postIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }
}
