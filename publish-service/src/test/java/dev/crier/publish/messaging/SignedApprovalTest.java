package dev.crier.publish.messaging;

import dev.crier.events.Draft;
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
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static dev.crier.publish.messaging.ApprovedPostConsumerTest.approved;
import static dev.crier.publish.messaging.ApprovedPostConsumerTest.sandboxPostsOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Kafka administrator or a leaked credential could put on posts.approved is never published: a forged
 * approval, an unsigned one, one changed after signing. Each lands in posts.approved.dlq with the reason and is
 * reported on posts.publish-refused; the sandbox has no post and the ledger no entry. A signed one still goes out.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class SignedApprovalTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final KafkaBroker kafka = CrierTestResource.infra().kafka();
    final EventInjector injector = new EventInjector(kafka);
    final TopicReader topics = new TopicReader(kafka);
    final EventCodec codec = new EventCodec();

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void anApprovalSignedByAnUnknownKeyIsRefused() throws Exception {
        var forger = new DecisionSigner(CrierTestResource.infra().decisionKeys().keyId() + "-x",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        var forged = retyped(approved("sandbox"), forger::sign);
        assertRefused(forged, "UNKNOWN_KEY", "which is not trusted");
    }

    @Test
    void anApprovalSignedWithAnotherKeyUnderTheTrustedIdIsRefused() throws Exception {
        var forger = new DecisionSigner(CrierTestResource.infra().decisionKeys().keyId(),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        assertRefused(retyped(approved("sandbox"), forger::sign), "FAILED", "does not match");
    }

    @Test
    void anUnsignedApprovalIsRefused() {
        assertRefused(retyped(approved("sandbox"), d -> d.signedWith(null)), "UNSIGNED", "not signed");
    }

    @Test
    void anApprovalChangedAfterSigningIsRefused() {
        assertRefused(retyped(approved("sandbox"), d -> withDraft(d, text(d.draft(), "Send your bank details to scam.example"))),
                "FAILED", "does not match");
        assertRefused(retyped(approved("sandbox"), d -> withDraft(d, platforms(d.draft(), List.of("sandbox", "mastodon")))),
                "FAILED", "does not match");
        assertRefused(retyped(approved(Instant.now().plusSeconds(5), "sandbox"),
                d -> withDraft(d, publishAt(d.draft(), Instant.now().plusSeconds(3)))), "FAILED", "does not match");
    }

    @Test
    void aProperlySignedApprovalIsPublished() {
        var approval = approved("sandbox");
        injector.send(approval);
        var records = topics.readPost(Topics.POSTS_PUBLISHED, approval.postId(), 1, WAIT);
        assertThat(records).hasSize(1);
        assertThat(codec.decode(EventType.POST_PUBLISHED, records.get(0).value()).status())
                .isEqualTo(PublishOutcome.Status.PUBLISHED);
        assertThat(sandboxPostsOf(approval.postId())).hasSize(1);
        assertThat(topics.readPost(Topics.POSTS_PUBLISH_REFUSED, approval.postId(), 1, Duration.ofSeconds(2))).isEmpty();
    }

    private void assertRefused(Event<PostDecided> approval, String status, String reason) {
        double before = refusedCount(status);
        injector.send(approval);
        String postId = approval.postId();

        var dead = topics.readPost(Topics.deadLetter(Topics.POSTS_APPROVED), postId, 1, WAIT);
        assertThat(dead).hasSize(1);
        var reasonHeader = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertThat(reasonHeader).isNotNull();
        assertThat(new String(reasonHeader.value(), StandardCharsets.UTF_8)).startsWith("refused to publish:").contains(reason);

        var refused = topics.readPost(Topics.POSTS_PUBLISH_REFUSED, postId, 1, WAIT);
        assertThat(refused).hasSize(1);
        assertThat(new String(refused.get(0).headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("dev.crier.post.publish-refused");
        PublishRefused event = codec.decode(EventType.POST_PUBLISH_REFUSED, refused.get(0).value());
        assertThat(event.status()).isEqualTo(status);
        assertThat(event.approvalEventId()).isEqualTo(approval.id());
        assertThat(event.reason()).contains(reason);
        assertThat(refusedCount(status)).isEqualTo(before + 1);

        assertThat(sandboxPostsOf(postId)).isEmpty();
        assertThat(rows("publish_posts", postId)).isZero();
        assertThat(rows("publish_ledger", postId)).isZero();
        assertThat(topics.readPost(Topics.POSTS_PUBLISHED, postId, 1, Duration.ofSeconds(1))).isEmpty();
    }

    private double refusedCount(String status) {
        var counter = metrics.find("crier.publish.refused").tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private int rows(String table, String postId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE post_id = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Event<PostDecided> retyped(Event<PostDecided> e, UnaryOperator<PostDecided> change) {
        return new Event<>(e.id(), e.type(), e.source(), e.postId(), e.time(), change.apply(e.data()));
    }

    private static PostDecided withDraft(PostDecided d, Draft draft) {
        return new PostDecided(d.postId(), d.decision(), d.riskScore(), d.findings(), d.shadowFindings(), d.policy(),
                d.decidedAt(), draft, d.review(), d.signature());
    }

    private static Draft text(Draft d, String text) {
        return new Draft(text, d.language(), d.translations(), d.platforms(), d.media(), d.author(), d.category(),
                d.publishAt(), d.repostOf(), d.externalId());
    }

    private static Draft platforms(Draft d, List<String> platforms) {
        return new Draft(d.text(), d.language(), d.translations(), platforms, d.media(), d.author(), d.category(),
                d.publishAt(), d.repostOf(), d.externalId());
    }

    private static Draft publishAt(Draft d, Instant publishAt) {
        return new Draft(d.text(), d.language(), d.translations(), d.platforms(), d.media(), d.author(), d.category(),
                publishAt, d.repostOf(), d.externalId());
    }
}
