package dev.crier.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code crier_consumer_lag{group,topic}}: how many records of each topic this service's consumer groups have not
 * committed yet, read every {@code crier.metrics.refresh} from the broker with the service's own principal
 * (which may describe its own groups and topics), so that a scrape never waits on Kafka. A partition the group has
 * never committed in counts from its earliest record. The groups are those of the service's incoming channels.
 */
@ApplicationScoped
public class ConsumerLagMetrics {

    private static final Logger LOG = Logger.getLogger(ConsumerLagMetrics.class);
    private static final String INCOMING = "mp.messaging.incoming.";

    private final Map<String, Object> kafka;
    private final Map<String, List<String>> topicsByGroup;
    private final MeterRegistry metrics;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private Admin admin;

    public ConsumerLagMetrics(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config,
                              MeterRegistry metrics) {
        this.kafka = kafka;
        this.topicsByGroup = groupsOf(config);
        this.metrics = metrics;
    }

    /** Each incoming channel's consumer group and the topics it reads, from the channels' settings. */
    static Map<String, List<String>> groupsOf(Config config) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(INCOMING) || !name.endsWith(".group.id")) {
                continue;
            }
            String channel = name.substring(0, name.length() - ".group.id".length());
            String topics = config.getOptionalValue(channel + ".topics", String.class)
                    .or(() -> config.getOptionalValue(channel + ".topic", String.class)).orElse(null);
            if (topics != null) {
                groups.computeIfAbsent(config.getValue(name, String.class), g -> new ArrayList<>())
                        .addAll(List.of(topics.split("\\s*,\\s*")));
            }
        }
        return groups;
    }

    /**
     * The records of the partitions not committed yet: for each partition, its end offset less the group's
     * committed offset, or less its earliest offset where the group never committed.
     */
    static long lag(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> end,
                    Map<TopicPartition, OffsetAndMetadata> committed) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            OffsetAndMetadata done = committed.get(partition.getKey());
            long from = done != null ? done.offset() : earliest.getOrDefault(partition.getKey(), 0L);
            lag += Math.max(0, partition.getValue() - from);
        }
        return lag;
    }

    @Scheduled(every = "${crier.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                for (String topic : group.getValue()) {
                    List<TopicPartition> partitions = admin().describeTopics(List.of(topic)).allTopicNames()
                            .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    long lag = lag(offsets(partitions, OffsetSpec.earliest()), offsets(partitions, OffsetSpec.latest()),
                            committed);
                    gauge(group.getKey(), topic).set(lag);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf("consumer lag not refreshed: %s", e.toString());
        }
    }

    void close(@Observes ShutdownEvent stopping) {
        if (admin != null) {
            admin.close();
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> found = admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private AtomicLong gauge(String group, String topic) {
        return gauges.computeIfAbsent(group + "|" + topic, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("crier.consumer.lag", value, AtomicLong::get).tags("group", group, "topic", topic)
                    .description("Records of the topic the consumer group has not committed yet").register(metrics);
            return value;
        });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            // The channels' settings hold consumer keys too, which an admin client would warn about.
            config.keySet().retainAll(AdminClientConfig.configNames());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "consumer-lag-metrics");
            admin = Admin.create(config);
        }
        return admin;
    }
}
