package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.events.PublishRefused;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.AccountRegistry;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.domain.RateLimiter;
import dev.crier.publish.domain.RetryPolicy;
import dev.crier.publish.store.LedgerStore;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.crier.publish.messaging.ApprovedPostConsumerTest.approved;
import static dev.crier.publish.messaging.ApprovedPostConsumerTest.sandboxPostsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals consumed a poll at a time, on the real broker, database and sandbox: a forged approval in the middle of
 * a batch is refused alone, a redelivered batch changes nothing, and workers racing over one ledger (two instances
 * on one database) call each platform once per post.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class BatchedPublishingTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final KafkaBroker kafka = CrierTestResource.infra().kafka();
    final TopicReader topics = new TopicReader(kafka);
    final EventCodec codec = new EventCodec();

    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry metrics;
    @Inject
    LedgerStore ledger;
    @Inject
    List<PlatformConnector> connectors;
    @Inject
    AccountRegistry accounts;

    @Test
    void aForgedApprovalAmongGoodOnesIsRefusedAloneAndTheGoodOnesArePublishedOnce() throws Exception {
        List<Event<PostDecided>> good = List.of(approved("sandbox"), approved("sandbox"), approved("sandbox"), approved("sandbox"));
        var forger = new DecisionSigner(CrierTestResource.infra().decisionKeys().keyId() + "-x",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        Event<PostDecided> genuine = approved("sandbox");
        Event<PostDecided> forged = new Event<>(genuine.id(), genuine.type(), genuine.source(), genuine.postId(),
                genuine.time(), forger.sign(genuine.data()));
        double refusedBefore = refusedCount();

        sendTogether(List.of(good.get(0), good.get(1), forged, good.get(2), good.get(3)));

        for (Event<PostDecided> approval : good) {
            var published = topics.readPost(Topics.POSTS_PUBLISHED, approval.postId(), 1, WAIT);
            assertThat(published).hasSize(1);
            assertThat(codec.decode(EventType.POST_PUBLISHED, published.get(0).value()).status())
                    .isEqualTo(PublishOutcome.Status.PUBLISHED);
            assertThat(sandboxPostsOf(approval.postId())).hasSize(1);
        }
        var dead = topics.readPost(Topics.deadLetter(Topics.POSTS_APPROVED), forged.postId(), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "dead-letter-reason")).startsWith("refused to publish:");
        var refused = topics.readPost(Topics.POSTS_PUBLISH_REFUSED, forged.postId(), 2, Duration.ofSeconds(3));
        assertThat(refused).hasSize(1);
        PublishRefused refusal = codec.decode(EventType.POST_PUBLISH_REFUSED, refused.get(0).value());
        assertThat(refusal.approvalEventId()).isEqualTo(forged.id());
        assertThat(refusedCount()).isEqualTo(refusedBefore + 1);
        assertThat(rows("publish_posts", forged.postId())).isZero();
        assertThat(sandboxPostsOf(forged.postId())).isEmpty();
        assertThat(topics.readPost(Topics.POSTS_PUBLISHED, forged.postId(), 1, Duration.ofSeconds(1))).isEmpty();
        for (Event<PostDecided> approval : good) {
            assertThat(topics.readPost(Topics.POSTS_PUBLISHED, approval.postId(), 2, Duration.ofSeconds(1))).hasSize(1);
        }

        // The forgery borrowed no id: the genuine approval under the same event id is still published.
        sendTogether(List.of(genuine));
        assertThat(topics.readPost(Topics.POSTS_PUBLISHED, genuine.postId(), 1, WAIT)).hasSize(1);
        assertThat(sandboxPostsOf(genuine.postId())).hasSize(1);
    }

    @Test
    void aRedeliveredBatchChangesNothingAndCallsNoPlatformAgain() throws SQLException {
        List<Event<PostDecided>> batch = List.of(approved("sandbox"), approved("sandbox"), approved("sandbox"));
        sendTogether(batch);
        Map<String, Instant> answeredAt = new HashMap<>();
        for (Event<PostDecided> approval : batch) {
            assertThat(topics.readPost(Topics.POSTS_PUBLISHED, approval.postId(), 1, WAIT)).hasSize(1);
            answeredAt.put(approval.postId(), updatedAt(approval.postId()));
        }

        sendTogether(batch);
        // Something after the repeat, so that the consumer has read past it.
        var later = approved("sandbox");
        sendTogether(List.of(later));
        assertThat(topics.readPost(Topics.POSTS_PUBLISHED, later.postId(), 1, WAIT)).hasSize(1);

        for (Event<PostDecided> approval : batch) {
            assertThat(sandboxPostsOf(approval.postId())).hasSize(1);
            assertThat(updatedAt(approval.postId())).as("the ledger entry was not touched: no second call")
                    .isEqualTo(answeredAt.get(approval.postId()));
            assertThat(topics.readPost(Topics.POSTS_PUBLISHED, approval.postId(), 2, Duration.ofSeconds(1))).hasSize(1);
        }
        assertThat(topics.readPost(Topics.deadLetter(Topics.POSTS_APPROVED), batch.get(0).postId(), 1,
                Duration.ofSeconds(1))).isEmpty();
    }

    /**
     * Two workers with their own publishers (what two instances of publish-service are) claim from one ledger at
     * the same time, each on several threads: no entry is claimed by two of them, and each post is sent to the
     * sandbox exactly once. The posts are due 20 s from now and the workers' clocks run 30 s ahead, so this
     * service's own worker has no part in it.
     */
    @Test
    void workersRacingOverOneLedgerNeverClaimOrPublishAnEntryTwice() throws Exception {
        Instant due = Instant.now().plusSeconds(20);
        List<String> postIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PostDecided approval = approved("sandbox").data();
            assertThat(ledger.record(approval, List.of(LedgerEntry.queued(approval.postId(), "sandbox", "hc-sandbox", due))))
                    .isTrue();
            postIds.add(approval.postId());
        }
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<String> claims = Collections.synchronizedList(new ArrayList<>());
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                Publisher publisher = publisher(calls, ahead);
                for (int t = 0; t < 3; t++) {
                    running.add(threads.submit(() -> {
                        for (int round = 0; round < 200 && !allFinal(postIds); round++) {
                            for (LedgerEntry entry : publisher.due(5, Set.of())) {
                                if (postIds.contains(entry.postId())) {
                                    claims.add(entry.postId());
                                    publisher.work(entry);
                                }
                            }
                        }
                    }));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(allFinal(postIds)).isTrue();
        assertThat(claims).as("each entry claimed once").hasSize(postIds.size()).doesNotHaveDuplicates();
        for (String postId : postIds) {
            assertThat(ledger.find(postId, "sandbox").orElseThrow().state()).isEqualTo(LedgerState.PUBLISHED);
            assertThat(calls.get(postId)).as("calls for " + postId).hasValue(1);
            assertThat(sandboxPostsOf(postId)).hasSize(1);
        }
    }

    private Publisher publisher(Map<String, AtomicInteger> calls, Clock clock) {
        PlatformConnector sandbox = connectors.stream().filter(c -> c.platform().equals("sandbox")).findFirst().orElseThrow();
        PlatformConnector counted = new PlatformConnector() {
            @Override
            public String platform() {
                return sandbox.platform();
            }

            @Override
            public int maxLength(Account account) {
                return sandbox.maxLength(account);
            }

            @Override
            public int length(String text) {
                return sandbox.length(text);
            }

            @Override
            public Duration idempotencyWindow() {
                return sandbox.idempotencyWindow();
            }

            @Override
            public PlatformResult publish(Account account, PublishRequest request) {
                calls.computeIfAbsent(request.postId(), k -> new AtomicInteger()).incrementAndGet();
                return sandbox.publish(account, request);
            }

            @Override
            public Deletion delete(Account account, String platformPostId) {
                return sandbox.delete(account, platformPostId);
            }
        };
        return new Publisher(ledger, Map.of("sandbox", counted), accounts,
                new RateLimiter(Map.of(), RateLimiter.Quota.parse("100000/1s")),
                new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 8, () -> 0.5),
                new Publisher.Timing(Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofMinutes(5)), clock);
    }

    private boolean allFinal(List<String> postIds) {
        return postIds.stream().allMatch(id -> ledger.find(id, "sandbox").orElseThrow().state().isFinal());
    }

    /** Produces the records in one request (as policy-service), so that one poll of the consumer gets them all. */
    private void sendTogether(List<Event<PostDecided>> events) {
        Map<String, Object> config = kafka.clientConfig(KafkaAccess.POLICY);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 200);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (Event<PostDecided> e : events) {
                producer.send(new ProducerRecord<>(Topics.POSTS_APPROVED, null, e.postId(),
                        codec.encode(e.type(), e.data()), CloudEventHeaders.of(e)));
            }
            producer.flush();
        }
    }

    private double refusedCount() {
        var counter = metrics.find("crier.publish.refused").tag("status", "UNKNOWN_KEY").counter();
        return counter == null ? 0 : counter.count();
    }

    private Instant updatedAt(String postId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT updated_at FROM publish_ledger WHERE post_id = ? AND platform = 'sandbox'")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private int rows(String table, String postId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE post_id = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
