package dev.crier.publish.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.events.Review;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher's state machine over an in-memory ledger and in-memory platforms: once per post and platform, through
 * lost answers, crashes at each point of a call, retries, rate limits and schedules.
 */
class PublisherTest {

    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    final InMemoryLedger ledger = new InMemoryLedger();
    final CountingConnector sandbox = CountingConnector.publishing("sandbox").idempotentFor(Duration.ofDays(36_500));
    final CountingConnector mastodon = CountingConnector.publishing("mastodon").idempotentFor(Duration.ofHours(1));
    final CountingConnector bluesky = CountingConnector.publishing("bluesky").withLookups();
    final CountingConnector x = CountingConnector.publishing("x");
    final AccountRegistry accounts = new AccountRegistry(List.of(
            account("sandbox", "hc-sandbox", Account.Language.BILINGUAL),
            account("mastodon", "hc-mastodon", Account.Language.EN),
            account("bluesky", "hc.bsky.social", Account.Language.FR),
            account("x", "HealthCanada", Account.Language.EN)));
    RateLimiter limiter = new RateLimiter(Map.of(), new RateLimiter.Quota(1000, Duration.ofMinutes(1)));
    Publisher publisher = publisher(List.of(sandbox, mastodon, bluesky, x));

    @Test
    void eachPlatformGetsItsAccountsVersionOnceWithOneKeyPerPlatform() {
        var post = approved("sandbox", "mastodon", "bluesky");

        assertThat(publisher.accept(post)).isTrue();
        runUntilQuiet();

        assertThat(sandbox.requests).containsExactly(new PublishRequest(post.postId(), "sandbox",
                "Flu clinics open Monday.\n\nLes cliniques ouvrent lundi.", List.of("en", "fr"), post.postId() + ":sandbox"));
        assertThat(mastodon.requests).extracting(PublishRequest::text).containsExactly("Flu clinics open Monday.");
        assertThat(bluesky.requests).extracting(PublishRequest::languages).containsExactly(List.of("fr"));
        PublishOutcome outcome = publisher.outcome(post.postId()).orElseThrow();
        assertThat(outcome.status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
        assertThat(outcome.results()).extracting(PublishOutcome.PlatformResult::account)
                .containsExactly("hc-sandbox", "hc-mastodon", "hc.bsky.social");
        assertThat(outcome.results().get(1).url()).isEqualTo("https://mastodon.example/mastodon-1");
    }

    @Test
    void pendingIsRecordedBeforeTheCallAndTheAnswerAfterIt() {
        var post = approved("x");
        var seenDuringCall = new ArrayList<LedgerState>();
        var watching = new CountingConnector("x", r -> {
            seenDuringCall.add(ledger.find(r.postId(), "x").orElseThrow().state());
            return null;
        });
        publisher = publisher(List.of(watching));

        publisher.accept(post);
        runUntilQuiet();

        assertThat(seenDuringCall).containsExactly(LedgerState.PENDING);
        assertThat(ledger.history).containsExactly("x:QUEUED", "x:PENDING", "x:PUBLISHED");
    }

    @Test
    void aRedeliveredApprovalChangesNothingAndCallsNoPlatformAgain() {
        var post = approved("sandbox", "x");
        publisher.accept(post);
        runUntilQuiet();

        assertThat(publisher.accept(post)).isFalse();
        runUntilQuiet();

        assertThat(sandbox.calls()).isEqualTo(1);
        assertThat(x.calls()).isEqualTo(1);
    }

    @Test
    void oneRefusingPlatformMakesThePostPartiallyPublishedWithItsOwnMessageAndIsNotRetried() {
        var refusing = new CountingConnector("x", r -> PlatformResult.failed(
                "x refused the post (HTTP 403): You are not allowed to create a Tweet with duplicate content."));
        publisher = publisher(List.of(sandbox, refusing));
        var post = approved("sandbox", "x");

        publisher.accept(post);
        runUntilQuiet();
        clock.advance(Duration.ofHours(1));
        runUntilQuiet();

        PublishOutcome outcome = publisher.outcome(post.postId()).orElseThrow();
        assertThat(outcome.status()).isEqualTo(PublishOutcome.Status.PARTIALLY_PUBLISHED);
        assertThat(outcome.results().get(1)).isEqualTo(new PublishOutcome.PlatformResult("x", "HealthCanada",
                PublishOutcome.State.FAILED, null, null,
                "x refused the post (HTTP 403): You are not allowed to create a Tweet with duplicate content."));
        assertThat(refusing.calls()).isEqualTo(1);
    }

    @Test
    void aDepartmentWithoutAnAccountOrAPlatformWithoutAConnectorFailsThereWithoutAnyCall() {
        var post = approved(new Draft.Author("u-1", "Pat", "DND"), null, "sandbox");
        var noConnector = approved("linkedin");

        publisher.accept(post);
        publisher.accept(noConnector);
        runUntilQuiet();

        assertThat(publisher.outcome(post.postId()).orElseThrow().results()).containsExactly(new PublishOutcome.PlatformResult(
                "sandbox", null, PublishOutcome.State.FAILED, null, null, "no official sandbox account is registered for department DND"));
        assertThat(publisher.outcome(noConnector.postId()).orElseThrow().results().get(0).error())
                .isEqualTo("no connector for platform 'linkedin' is configured");
        assertThat(sandbox.calls()).isZero();
    }

    @Test
    void aTextTooLongForThePlatformFailsWithItsCountAndIsNeverSent() {
        x.withMaxLength(10);
        var post = approved("x");

        publisher.accept(post);
        runUntilQuiet();

        assertThat(publisher.outcome(post.postId()).orElseThrow().results().get(0).error())
                .startsWith("the text is 24 characters as x counts them, over its limit of 10");
        assertThat(x.calls()).isZero();
    }

    // --- lost answers and crashes

    @Test
    void aLostAnswerOnAnIdempotentPlatformIsSettledBySendingTheSameKeyAgain() {
        mastodon.failAfter.add(() -> new PlatformUnreachableException("mastodon answered HTTP 502"));
        var post = approved("mastodon");

        publisher.accept(post);
        runUntilQuiet();
        assertThat(ledger.find(post.postId(), "mastodon").orElseThrow().state()).isEqualTo(LedgerState.UNKNOWN);
        clock.advance(Duration.ofMinutes(5));
        runUntilQuiet();

        assertThat(mastodon.posted).hasSize(1);
        assertThat(mastodon.requests).extracting(PublishRequest::idempotencyKey).containsOnly(post.postId() + ":mastodon");
        assertThat(ledger.find(post.postId(), "mastodon").orElseThrow().platformPostId()).isEqualTo("mastodon-1");
    }

    @Test
    void pastTheIdempotencyWindowALostAnswerNeedsAPersonAndIsNeverSentAgain() {
        mastodon.failAfter.add(() -> new PlatformUnreachableException("timed out"));
        var post = approved("mastodon");
        publisher.accept(post);
        runUntilQuiet();

        clock.advance(Duration.ofMinutes(56));
        runUntilQuiet();

        LedgerEntry entry = ledger.find(post.postId(), "mastodon").orElseThrow();
        assertThat(entry.state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(entry.error()).contains("cannot be asked whether the post exists").contains("mastodon:hc-mastodon");
        assertThat(mastodon.calls()).isEqualTo(1);
        assertThat(publisher.outcome(post.postId()).orElseThrow().results().get(0).state())
                .isEqualTo(PublishOutcome.State.NEEDS_ATTENTION);
    }

    @Test
    void aLostAnswerIsFoundAmongTheAccountsRecentPostsAndNotSentAgain() {
        bluesky.failAfter.add(() -> new PlatformUnreachableException("bluesky answered HTTP 503"));
        var post = approved("bluesky");

        publisher.accept(post);
        runUntilQuiet();
        clock.advance(Duration.ofMinutes(1));
        runUntilQuiet();

        assertThat(bluesky.calls()).isEqualTo(1);
        assertThat(ledger.find(post.postId(), "bluesky").orElseThrow().state()).isEqualTo(LedgerState.PUBLISHED);
    }

    @Test
    void aServerErrorThatPublishedNothingIsRetriedAfterTheLookupFindsNothing() {
        bluesky.failBefore.add(() -> new PlatformUnreachableException("bluesky answered HTTP 500"));
        var post = approved("bluesky");

        publisher.accept(post);
        runUntilQuiet();
        clock.advance(Duration.ofMinutes(1));
        runUntilQuiet();
        clock.advance(Duration.ofMinutes(1));
        runUntilQuiet();

        assertThat(bluesky.calls()).isEqualTo(2);
        assertThat(bluesky.posted).hasSize(1);
        assertThat(ledger.find(post.postId(), "bluesky").orElseThrow().state()).isEqualTo(LedgerState.PUBLISHED);
    }

    @Test
    void aPlatformThatCanNeitherDeduplicateNorBeAskedNeedsAPersonAfterALostAnswer() {
        x.failAfter.add(() -> new PlatformUnreachableException("timed out"));
        var post = approved("x");

        publisher.accept(post);
        runUntilQuiet();
        clock.advance(Duration.ofMinutes(5));
        runUntilQuiet();

        assertThat(ledger.find(post.postId(), "x").orElseThrow().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(x.calls()).isEqualTo(1);
    }

    @Test
    void stoppedBetweenRecordingTheIntentAndTheCall_aFreshPublisherPublishesOnce() {
        for (CountingConnector platform : List.of(sandbox, bluesky)) {
            platform.failBefore.add(ProcessStopped::new);
        }
        var post = approved("sandbox", "bluesky");
        publisher.accept(post);
        assertThatThrownBy(this::runUntilQuiet).isInstanceOf(ProcessStopped.class);
        assertThatThrownBy(this::runUntilQuiet).isInstanceOf(ProcessStopped.class);
        assertThat(ledger.entries(post.postId())).extracting(LedgerEntry::state).containsOnly(LedgerState.PENDING);

        Publisher restarted = publisher(List.of(sandbox, mastodon, bluesky, x));
        restarted.recover();
        publisher = restarted;
        runUntilQuiet();
        clock.advance(Duration.ofMinutes(1));
        runUntilQuiet();

        assertThat(sandbox.posted).hasSize(1);
        assertThat(bluesky.posted).hasSize(1);
        assertThat(restarted.outcome(post.postId()).orElseThrow().status()).isEqualTo(PublishOutcome.Status.PUBLISHED);
    }

    @Test
    void stoppedBetweenTheCallAndRecordingTheResult_aFreshPublisherRecordsTheOnePostAndSendsNoOther() {
        for (CountingConnector platform : List.of(sandbox, bluesky)) {
            platform.failAfter.add(ProcessStopped::new);
        }
        var post = approved("sandbox", "bluesky");
        publisher.accept(post);
        assertThatThrownBy(this::runUntilQuiet).isInstanceOf(ProcessStopped.class);
        assertThatThrownBy(this::runUntilQuiet).isInstanceOf(ProcessStopped.class);

        Publisher restarted = publisher(List.of(sandbox, mastodon, bluesky, x));
        restarted.recover();
        publisher = restarted;
        runUntilQuiet();

        assertThat(sandbox.posted).hasSize(1);
        assertThat(bluesky.posted).hasSize(1);
        assertThat(bluesky.calls()).isEqualTo(1);
        assertThat(ledger.find(post.postId(), "sandbox").orElseThrow().platformPostId()).isEqualTo("sandbox-1");
        assertThat(ledger.find(post.postId(), "bluesky").orElseThrow().platformPostId()).isEqualTo("bluesky-1");
    }

    @Test
    void aCallWithoutAnAnswerWithinItsTimeLimitBecomesUnknown() {
        var post = approved("x");
        publisher.accept(post);
        LedgerEntry queued = ledger.find(post.postId(), "x").orElseThrow();
        ledger.move(queued, queued.calling(clock.instant(), clock.instant().plusSeconds(60)));

        clock.advance(Duration.ofSeconds(61));
        publisher.due(10, Set.of()).forEach(publisher::work);

        LedgerEntry entry = ledger.find(post.postId(), "x").orElseThrow();
        assertThat(entry.state()).isEqualTo(LedgerState.UNKNOWN);
        assertThat(entry.error()).contains("time limit of 60s");
    }

    // --- retries and rate limits

    @Test
    void aRateLimitedCallWaitsForThePlatformsResetTimeThenPublishesOnce() {
        Instant reset = T0.plus(Duration.ofMinutes(15));
        x.failBefore.add(() -> new RetryLaterException("x rate limit reached (HTTP 429)", reset));
        var post = approved("x");

        publisher.accept(post);
        runUntilQuiet();
        LedgerEntry waiting = ledger.find(post.postId(), "x").orElseThrow();
        assertThat(waiting.state()).isEqualTo(LedgerState.QUEUED);
        assertThat(waiting.dueAt()).isEqualTo(reset);
        clock.advance(Duration.ofMinutes(14));
        runUntilQuiet();
        assertThat(x.calls()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        runUntilQuiet();

        assertThat(x.calls()).isEqualTo(2);
        assertThat(x.posted).hasSize(1);
    }

    @Test
    void theAccountsQuotaHoldsTheNextPostBackWithoutCallingThePlatform() {
        limiter = new RateLimiter(Map.of("x", new RateLimiter.Quota(1, Duration.ofMinutes(15))), new RateLimiter.Quota(1000, Duration.ofMinutes(1)));
        publisher = publisher(List.of(x));
        var first = approved("x");
        var second = approved("x");

        publisher.accept(first);
        publisher.accept(second);
        runUntilQuiet();

        assertThat(x.calls()).isEqualTo(1);
        assertThat(ledger.find(second.postId(), "x").orElseThrow().dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15));
        runUntilQuiet();
        assertThat(x.calls()).isEqualTo(2);
    }

    @Test
    void connectionFailuresAreRetriedWithGrowingBackoffThenFailWithTheLastMessage() {
        for (int i = 0; i < 3; i++) {
            x.failBefore.add(() -> new RetryLaterException("x could not be reached: java.net.ConnectException", null));
        }
        var post = approved("x");
        publisher.accept(post);

        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runUntilQuiet();
            LedgerEntry entry = ledger.find(post.postId(), "x").orElseThrow();
            if (entry.state().isFinal()) {
                break;
            }
            due.add(entry.dueAt());
            clock.advance(Duration.between(clock.instant(), entry.dueAt()));
        }

        LedgerEntry entry = ledger.find(post.postId(), "x").orElseThrow();
        assertThat(entry.state()).isEqualTo(LedgerState.FAILED);
        assertThat(entry.error()).isEqualTo("gave up after 3 attempts: x could not be reached: java.net.ConnectException");
        assertThat(due).hasSize(2);
        // base 2s: 1-2s after the first attempt, 2-4s after the second
        assertThat(Duration.between(T0, due.get(0))).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(Duration.between(due.get(0), due.get(1))).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    // --- time

    @Test
    void aScheduledPostWaitsForItsTimeThenGoesOut() {
        Instant publishAt = T0.plus(Duration.ofHours(2));
        var post = approved(new Draft.Author("u-1", "Pat", "HC"), publishAt, "sandbox");

        publisher.accept(post);
        runUntilQuiet();
        clock.advance(Duration.ofHours(2).minusMillis(1));
        runUntilQuiet();
        assertThat(sandbox.calls()).isZero();

        clock.advance(Duration.ofMillis(1));
        runUntilQuiet();
        assertThat(sandbox.calls()).isEqualTo(1);
    }

    @Test
    void anApprovalAfterThePublishTimeIsNotPublishedLate() {
        Instant publishAt = T0.minus(Duration.ofMinutes(1));
        var late = new PostDecided(UUID.randomUUID().toString(), Decision.APPROVED, 0, List.of(), List.of(),
                new PolicyRef("p", "1", "a".repeat(64)), T0.minus(Duration.ofHours(1)),
                draft(new Draft.Author("u-1", "Pat", "HC"), publishAt, "sandbox"),
                new Review("comms-head-1", "comms-head", "ok", T0, List.of("comms-head-1")));

        publisher.accept(late);
        runUntilQuiet();

        assertThat(sandbox.calls()).isZero();
        assertThat(publisher.outcome(late.postId()).orElseThrow().results().get(0).error())
                .startsWith("approved at " + T0 + ", after its publish time " + publishAt + ": not published late");
    }

    @Test
    void aScheduledPostMissedByMoreThanTheAllowedLatenessFails() {
        var post = approved(new Draft.Author("u-1", "Pat", "HC"), T0.plusSeconds(10), "sandbox");
        publisher.accept(post);

        clock.advance(Duration.ofMinutes(20));
        runUntilQuiet();

        assertThat(sandbox.calls()).isZero();
        assertThat(ledger.find(post.postId(), "sandbox").orElseThrow().error()).contains("not published late");
    }

    @Test
    void aPostThatIsNotApprovedIsNeverRecorded() {
        var review = new PostDecided(UUID.randomUUID().toString(), Decision.NEEDS_REVIEW, 40, List.of(),
                new PolicyRef("p", "1", "a".repeat(64)), T0, draft(new Draft.Author("u-1", null, "HC"), null, "sandbox"));

        assertThatThrownBy(() -> publisher.accept(review)).isInstanceOf(InvalidEventException.class);
        assertThat(ledger.entries(review.postId())).isEmpty();
    }

    @Test
    void theOutcomeWaitsForEveryPlatform() {
        x.failBefore.add(() -> new RetryLaterException("busy", null));
        var post = approved("sandbox", "x");

        publisher.accept(post);
        runUntilQuiet();

        assertThat(publisher.outcome(post.postId())).isEmpty();
        assertThat(ledger.finished()).doesNotContain(post.postId());
    }

    /** What a process that stops mid-call looks like to the code that called: nothing after it runs. */
    static final class ProcessStopped extends RuntimeException {
    }

    private void runUntilQuiet() {
        for (int round = 0; round < 20; round++) {
            List<LedgerEntry> due = publisher.due(100, Set.of());
            if (due.isEmpty()) {
                return;
            }
            due.forEach(publisher::work);
        }
    }

    private Publisher publisher(List<CountingConnector> platforms) {
        Map<String, PlatformConnector> byName = new java.util.HashMap<>();
        platforms.forEach(p -> byName.put(p.platform(), p));
        return new Publisher(ledger, byName, accounts, limiter,
                new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 3, () -> 0.5),
                new Publisher.Timing(Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofMinutes(5)), clock);
    }

    static Account account(String platform, String handle, Account.Language language) {
        return new Account(platform, handle, language, "HC", handle, Map.of());
    }

    PostDecided approved(String... platforms) {
        return approved(new Draft.Author("u-1", "Pat", "HC"), null, platforms);
    }

    PostDecided approved(Draft.Author author, Instant publishAt, String... platforms) {
        return new PostDecided(UUID.randomUUID().toString(), Decision.APPROVED, 0, List.of(),
                new PolicyRef("p", "1", "a".repeat(64)), clock.instant(), draft(author, publishAt, platforms));
    }

    static Draft draft(Draft.Author author, Instant publishAt, String... platforms) {
        return new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of(platforms), List.of(), author, null, publishAt, null, null);
    }
}
