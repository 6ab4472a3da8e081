package dev.crier.publish.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherTest {

    final InMemoryLedger ledger = new InMemoryLedger();
    final CountingConnector sandbox = CountingConnector.publishing("sandbox");
    final CountingConnector mastodon = CountingConnector.publishing("mastodon");
    final Publisher publisher = new Publisher(ledger, Map.of("sandbox", sandbox, "mastodon", mastodon));

    @Test
    void publishesToEveryPlatformWithTheDraftsTextAndOneKeyPerPlatform() {
        var post = approved("sandbox", "mastodon");

        var results = publisher.publish(post);

        assertThat(results).extracting(PublishOutcome.PlatformResult::platform).containsExactly("sandbox", "mastodon");
        assertThat(results).allMatch(PublishOutcome.PlatformResult::published);
        assertThat(results.get(0).platformPostId()).isEqualTo("sandbox-" + post.postId());
        assertThat(sandbox.requests).containsExactly(new PublishRequest(post.postId(), "sandbox", "Flu clinics open Monday.",
                "en", post.postId() + ":sandbox"));
        assertThat(mastodon.requests.get(0).idempotencyKey()).isEqualTo(post.postId() + ":mastodon");
        assertThat(PublishOutcome.statusOf(results)).isEqualTo(PublishOutcome.Status.PUBLISHED);
    }

    @Test
    void recordsPendingBeforeTheCallAndTheAnswerAfterIt() {
        var post = approved("sandbox");
        var seenDuringCall = new ArrayList<LedgerState>();
        var watching = new CountingConnector("sandbox", r -> {
            seenDuringCall.add(ledger.find(r.postId(), "sandbox").orElseThrow().state());
            return PlatformResult.published("1", "u");
        });

        new Publisher(ledger, Map.of("sandbox", watching)).publish(post);

        assertThat(seenDuringCall).containsExactly(LedgerState.PENDING);
        assertThat(ledger.history).containsExactly("sandbox:PENDING", "sandbox:PUBLISHED");
    }

    @Test
    void aRedeliveredApprovalNeverCallsAPlatformTwice() {
        var post = approved("sandbox", "mastodon");

        var first = publisher.publish(post);
        var again = publisher.publish(post);

        assertThat(again).isEqualTo(first);
        assertThat(sandbox.calls()).isEqualTo(1);
        assertThat(mastodon.calls()).isEqualTo(1);
    }

    @Test
    void oneFailingPlatformMakesThePostPartiallyPublishedAndIsNotRetried() {
        var x = new CountingConnector("x", r -> PlatformResult.failed("account suspended"));
        var withX = new Publisher(ledger, Map.of("sandbox", sandbox, "x", x));
        var post = approved("sandbox", "x");

        var results = withX.publish(post);
        withX.publish(post);

        assertThat(PublishOutcome.statusOf(results)).isEqualTo(PublishOutcome.Status.PARTIALLY_PUBLISHED);
        assertThat(results.get(1)).isEqualTo(new PublishOutcome.PlatformResult("x", null, PublishOutcome.State.FAILED, null, null, "account suspended"));
        assertThat(x.calls()).isEqualTo(1);
        assertThat(ledger.find(post.postId(), "x").orElseThrow().state()).isEqualTo(LedgerState.FAILED);
    }

    @Test
    void aPlatformWithoutAConnectorFailsWithoutAnyCall() {
        var post = approved("linkedin");

        var results = publisher.publish(post);

        assertThat(results).containsExactly(new PublishOutcome.PlatformResult("linkedin", null, PublishOutcome.State.FAILED, null, null,
                "no connector for platform 'linkedin' is configured"));
        assertThat(PublishOutcome.statusOf(results)).isEqualTo(PublishOutcome.Status.PUBLISH_FAILED);
        assertThat(sandbox.calls() + mastodon.calls()).isZero();
    }

    @Test
    void anUnansweredCallStaysPendingAndTheRetryUsesTheSameKey() {
        var attempts = new AtomicInteger();
        var flaky = new CountingConnector("sandbox", r -> {
            if (attempts.incrementAndGet() == 1) {
                throw new PlatformUnreachableException("timed out");
            }
            return PlatformResult.published("1", "u");
        });
        var flakyPublisher = new Publisher(ledger, Map.of("sandbox", flaky));
        var post = approved("sandbox");

        assertThatThrownBy(() -> flakyPublisher.publish(post)).isInstanceOf(PlatformUnreachableException.class);
        assertThat(ledger.find(post.postId(), "sandbox").orElseThrow().state()).isEqualTo(LedgerState.PENDING);

        assertThat(flakyPublisher.publish(post)).allMatch(PublishOutcome.PlatformResult::published);
        assertThat(flaky.requests).extracting(PublishRequest::idempotencyKey).containsOnly(post.postId() + ":sandbox");
        assertThat(ledger.history).containsExactly("sandbox:PENDING", "sandbox:PUBLISHED");
    }

    @Test
    void aPostThatIsNotApprovedIsNeverPublished() {
        var review = new PostDecided(UUID.randomUUID().toString(), Decision.NEEDS_REVIEW, 40, List.of(),
                new PolicyRef("p", "1", "a".repeat(64)), Instant.now(), draft("sandbox"));

        assertThatThrownBy(() -> publisher.publish(review)).isInstanceOf(dev.crier.events.InvalidEventException.class);
        assertThat(sandbox.calls()).isZero();
    }

    static PostDecided approved(String... platforms) {
        return new PostDecided(UUID.randomUUID().toString(), Decision.APPROVED, 0, List.of(),
                new PolicyRef("p", "1", "a".repeat(64)), Instant.now(), draft(platforms));
    }

    static Draft draft(String... platforms) {
        return new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of(platforms), List.of(), new Draft.Author("u-1", null, null), null, null, null, null);
    }
}
