package dev.crier.ingest.messaging;

import dev.crier.events.AccountsListed;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the latest account registry publish-service listed on accounts.registry. Every instance reads the whole
 * (compacted) topic from its beginning at start, by assignment and without a consumer group, then follows it, so
 * each one knows every account. Until a registry has arrived ingest refuses nothing for want of an account.
 */
@ApplicationScoped
public class AccountsReader {

    private static final Logger LOG = Logger.getLogger(AccountsReader.class);

    private final Map<String, Object> kafka;
    private final EventCodec codec;
    private KafkaConsumer<String, String> consumer;
    private volatile AccountsListed latest;

    public AccountsReader(@Identifier("default-kafka-broker") Map<String, Object> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    /** The latest registry, once one has arrived. */
    public Optional<AccountsListed> latest() {
        return Optional.ofNullable(latest);
    }

    @Scheduled(every = "${crier.ingest.accounts-poll:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        try {
            for (ConsumerRecord<String, String> record : consumer().poll(Duration.ofMillis(200))) {
                take(record);
            }
        } catch (RuntimeException e) {
            LOG.debugf("account registry not read: %s", e.toString());
            close();
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        try {
            var attributes = CloudEventHeaders.read(record.headers());
            if (!attributes.type().equals(EventType.ACCOUNTS_LISTED) || record.value() == null) {
                return;
            }
            AccountsListed listed = codec.decode(EventType.ACCOUNTS_LISTED, record.value());
            if (latest == null || !listed.listedAt().isBefore(latest.listedAt())) {
                latest = listed;
                LOG.infof("account registry: %d official account(s), listed at %s", listed.accounts().size(),
                        listed.listedAt());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipped a record on %s that is not an account registry: %s", Topics.ACCOUNTS_REGISTRY,
                    e.getMessage());
        }
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.keySet().retainAll(ConsumerConfig.configNames());
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "account-registry-reader");
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCOUNTS_REGISTRY, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return consumer;
    }

    synchronized void close(@Observes ShutdownEvent stopping) {
        close();
    }

    private void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
            consumer = null;
        }
    }
}
