package dev.crier.infra;

import dev.crier.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker's authentication and ACLs, on the real broker: no login, no access; each principal writes exactly the
 * topics the table gives it and reads exactly what it consumes; the ops reader reads everything and writes nothing.
 */
class KafkaSecurityTest {

    @TempDir
    static Path dir;
    static LocalInfra infra;
    static KafkaBroker kafka;

    @BeforeAll
    static void start() throws Exception {
        infra = LocalInfra.start(dir, Ports.free(), Ports.free(), s -> { });
        kafka = infra.kafka();
        // One record on every topic (written by the super user), so that a permitted read finds something at once.
        try (var producer = new KafkaProducer<>(kafka.clientConfig(KafkaAccess.ADMIN), new StringSerializer(), new StringSerializer())) {
            for (String topic : Topics.all()) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "seed")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefused() {
        Map<String, Object> anonymous = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        assertThatThrownBy(() -> describeCluster(anonymous)).as("no SASL at all: the broker never answers")
                .isInstanceOfAny(ExecutionException.class, TimeoutException.class);

        Map<String, Object> wrongPassword = kafka.clientConfig(KafkaAccess.OPS_READER);
        wrongPassword.put("sasl.jaas.config", KafkaCredentials.jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                KafkaAccess.OPS_READER, "not-the-password"));
        assertThatThrownBy(() -> describeCluster(wrongPassword)).hasRootCauseInstanceOf(SaslAuthenticationException.class);

        Map<String, Object> unknownUser = kafka.clientConfig(KafkaAccess.OPS_READER);
        unknownUser.put("sasl.jaas.config", KafkaCredentials.jaas("org.apache.kafka.common.security.scram.ScramLoginModule",
                "mallory", "whatever"));
        assertThatThrownBy(() -> describeCluster(unknownUser)).hasRootCauseInstanceOf(SaslAuthenticationException.class);

        Map<String, Object> plain = kafka.clientConfig(KafkaAccess.ADMIN);
        plain.put("sasl.mechanism", "PLAIN");
        plain.put("sasl.jaas.config", KafkaCredentials.jaas("org.apache.kafka.common.security.plain.PlainLoginModule",
                KafkaAccess.ADMIN, "guess"));
        assertThatThrownBy(() -> describeCluster(plain)).as("PLAIN is not offered to clients")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.UnsupportedSaslMechanismException.class);

        assertThatCode(() -> describeCluster(kafka.clientConfig(KafkaAccess.OPS_READER))).doesNotThrowAnyException();
    }

    @Test
    void eachPrincipalWritesExactlyTheTopicsTheTableGivesIt() {
        List<String> wrong = new ArrayList<>();
        for (String principal : KafkaAccess.CLIENTS) {
            Map<String, Object> config = kafka.clientConfig(principal);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                for (String topic : Topics.all()) {
                    boolean allowed = KafkaAccess.of(topic).writers().contains(principal);
                    boolean written = outcome(() -> producer.send(new ProducerRecord<>(topic, "k", principal)).get(30, TimeUnit.SECONDS));
                    if (written != allowed) {
                        wrong.add(principal + (written ? " wrote " : " could not write ") + topic);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(KafkaAccess.CLIENTS).allSatisfy(principal -> assertThat(principal.equals(KafkaAccess.OPS_READER)
                || KafkaAccess.table().stream().anyMatch(row -> row.writers().contains(principal))).as(principal).isTrue());
    }

    @Test
    void eachPrincipalReadsExactlyTheTopicsItConsumesAndTheOpsReaderReadsThemAll() {
        List<String> wrong = new ArrayList<>();
        for (String principal : KafkaAccess.CLIENTS) {
            for (String topic : Topics.all()) {
                boolean allowed = principal.equals(KafkaAccess.OPS_READER) || KafkaAccess.of(topic).readers().stream()
                        .anyMatch(reader -> reader.principal().equals(principal));
                boolean read = outcome(() -> readOne(principal, topic));
                if (read != allowed) {
                    wrong.add(principal + (read ? " read " : " could not read ") + topic);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void eachPrincipalCommitsOffsetsOnlyInItsOwnGroups() {
        List<String> groups = Stream.concat(KafkaAccess.table().stream().flatMap(row -> row.readers().stream())
                .map(KafkaAccess.Reader::group).filter(Objects::nonNull), Stream.of("ops-diagnostics")).distinct().toList();
        List<String> wrong = new ArrayList<>();
        for (String principal : KafkaAccess.CLIENTS) {
            String topic = principal.equals(KafkaAccess.OPS_READER) ? Topics.DRAFTS_SUBMITTED : KafkaAccess.table().stream()
                    .filter(row -> row.readers().stream().anyMatch(r -> r.principal().equals(principal)))
                    .findFirst().orElseThrow().topic();
            for (String group : groups) {
                boolean allowed = principal.equals(KafkaAccess.OPS_READER) ? group.startsWith(KafkaAccess.OPS_GROUP_PREFIX)
                        : KafkaAccess.table().stream().flatMap(row -> row.readers().stream())
                        .anyMatch(r -> r.principal().equals(principal) && group.equals(r.group()));
                boolean committed = outcome(() -> commit(principal, group, topic));
                if (committed != allowed) {
                    wrong.add(principal + (committed ? " committed in " : " could not commit in ") + group);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theOpsReaderSeesEveryGroupsOffsets() throws Exception {
        commit(KafkaAccess.AUDIT, "audit-service", Topics.POSTS_APPROVED);
        try (Admin ops = Admin.create(kafka.clientConfig(KafkaAccess.OPS_READER))) {
            var offsets = ops.listConsumerGroupOffsets("audit-service").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertThat(offsets).containsKey(new TopicPartition(Topics.POSTS_APPROVED, 0));
        }
    }

    @Test
    void noClientMayCreateTopicsUsersOrAcls() {
        for (String principal : KafkaAccess.CLIENTS) {
            try (Admin admin = Admin.create(kafka.clientConfig(principal))) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("posts.sneaky", 1, (short) 1))).all().get(30, TimeUnit.SECONDS))
                        .as(principal).hasCauseInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> admin.createAcls(KafkaAcls.bindings().stream().limit(1).toList()).all().get(30, TimeUnit.SECONDS))
                        .as(principal).hasCauseInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "mine"))).all().get(30, TimeUnit.SECONDS))
                        .as(principal).hasCauseInstanceOf(AuthorizationException.class);
            }
        }
    }

    private static void describeCluster(Map<String, Object> config) throws Exception {
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads the seeded record of partition 0 without a consumer group. */
    private static void readOne(String principal, String topic) {
        Map<String, Object> config = kafka.clientConfig(principal);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing read from " + topic);
                }
            }
        }
    }

    private static void commit(String principal, String group, String topic) {
        Map<String, Object> config = kafka.clientConfig(principal);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), Duration.ofSeconds(20));
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /** True when the attempt succeeds, false when the broker refuses it; anything else fails the test. */
    private static boolean outcome(Attempt attempt) {
        try {
            attempt.run();
            return true;
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException) {
                    return false;
                }
            }
            throw new AssertionError("neither done nor refused: " + e, e);
        }
    }
}
