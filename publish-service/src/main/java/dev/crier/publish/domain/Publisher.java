package dev.crier.publish.domain;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes each approved post to each of its platforms exactly once, through the ledger.
 * <ul>
 * <li>{@link #accept} records the approval and one entry per platform (QUEUED, due at the post's publishAt or now;
 * or FAILED at once when there is no account, no version for it, or the approval came after publishAt). A
 * redelivered approval finds the post recorded and changes nothing.</li>
 * <li>{@link #work} moves one due entry on: a QUEUED entry becomes PENDING just before its call and then PUBLISHED,
 * FAILED (the platform's own message), QUEUED again (the platform surely did not publish: 429, no connection; with
 * backoff) or UNKNOWN (the answer was lost). An UNKNOWN entry is settled before anything else is sent: by sending the
 * same idempotency key again within the platform's window, else by looking for the post among the account's recent
 * posts, else it NEEDS_ATTENTION. A PENDING entry past its time limit becomes UNKNOWN.</li>
 * </ul>
 */
public final class Publisher {

    /** Time limits: a call's deadline, how late a scheduled post may still go out, and a margin on idempotency windows. */
    public record Timing(Duration attemptTimeLimit, Duration maxLateness, Duration windowMargin) {
    }

    private final PublishLedger ledger;
    private final Map<String, PlatformConnector> connectors;
    private final AccountRegistry accounts;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final Timing timing;
    private final Clock clock;

    public Publisher(PublishLedger ledger, Map<String, PlatformConnector> connectors, AccountRegistry accounts,
                     RateLimiter limiter, RetryPolicy retry, Timing timing, Clock clock) {
        this.ledger = ledger;
        this.connectors = Map.copyOf(connectors);
        this.accounts = accounts;
        this.limiter = limiter;
        this.retry = retry;
        this.timing = timing;
        this.clock = clock;
    }

    /**
     * Records an approved post for publishing.
     *
     * @return false when it was already recorded (a redelivery): nothing changed
     */
    public boolean accept(PostDecided approval) {
        return ledger.record(approval, plan(approval));
    }

    /**
     * The ledger entries an approved post starts with, for a caller that records them in its own transaction.
     *
     * @throws InvalidEventException when the post must not be published at all (not APPROVED, no platform)
     */
    public List<LedgerEntry> plan(PostDecided approval) {
        if (approval.decision() != Decision.APPROVED) {
            throw new InvalidEventException("post " + approval.postId() + " is " + approval.decision()
                    + ", not APPROVED: it must not be published");
        }
        if (approval.draft().platforms().isEmpty()) {
            throw new InvalidEventException("post " + approval.postId() + " names no platform");
        }
        return plan(approval, clock.instant());
    }

    List<LedgerEntry> plan(PostDecided approval, Instant now) {
        Draft draft = approval.draft();
        String postId = approval.postId();
        String department = draft.author() == null ? null : draft.author().department();
        Instant approvedAt = approval.review() != null && approval.review().reviewedAt() != null
                ? approval.review().reviewedAt() : approval.decidedAt();
        String tooLate = draft.publishAt() != null && approvedAt != null && approvedAt.isAfter(draft.publishAt())
                ? "approved at " + approvedAt + ", after its publish time " + draft.publishAt()
                + ": not published late (submit it again with a new publishAt)" : null;
        Instant due = draft.publishAt() == null || draft.publishAt().isBefore(now) ? now : draft.publishAt();
        List<LedgerEntry> entries = new ArrayList<>();
        for (String platform : new LinkedHashSet<>(draft.platforms())) {
            Optional<Account> account = accounts.find(platform, department);
            if (!connectors.containsKey(platform)) {
                entries.add(LedgerEntry.failedAtOnce(postId, platform, null, "no connector for platform '" + platform + "' is configured"));
            } else if (account.isEmpty()) {
                entries.add(LedgerEntry.failedAtOnce(postId, platform, null, "no official " + platform
                        + " account is registered for department " + (department == null ? "(none given)" : department)));
            } else if (tooLate != null) {
                entries.add(LedgerEntry.failedAtOnce(postId, platform, account.get().handle(), tooLate));
            } else {
                entries.add(composable(draft, account.get())
                        .map(problem -> LedgerEntry.failedAtOnce(postId, platform, account.get().handle(), problem))
                        .orElse(LedgerEntry.queued(postId, platform, account.get().handle(), due)));
            }
        }
        return entries;
    }

    private static Optional<String> composable(Draft draft, Account account) {
        try {
            PostText.forAccount(draft, account);
            return Optional.empty();
        } catch (NotPublishableException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** At startup: a call a stopped process left PENDING has an unknown answer, settled before any retry. */
    public void recover() {
        Instant now = clock.instant();
        for (LedgerEntry pending : ledger.pending()) {
            ledger.move(pending, pending.unknown(now, "publish-service stopped during the call"));
        }
    }

    /** Entries whose time has come, but none for the platforms whose calls are backed up. */
    public List<LedgerEntry> due(int limit, Set<String> skippedPlatforms) {
        return ledger.due(clock.instant(), limit, skippedPlatforms);
    }

    /** Moves one due entry on; another worker that moved it first wins, and this one does nothing. */
    public void work(LedgerEntry entry) {
        Instant now = clock.instant();
        switch (entry.state()) {
            case QUEUED -> attempt(entry, now);
            case PENDING -> ledger.move(entry, entry.unknown(now, "no answer within the attempt's time limit of "
                    + timing.attemptTimeLimit().toSeconds() + "s"));
            case UNKNOWN -> settle(entry, now);
            default -> {
                // final: nothing to do
            }
        }
    }

    private void attempt(LedgerEntry entry, Instant now) {
        Target target;
        try {
            target = target(entry);
        } catch (NotPublishableException e) {
            ledger.move(entry, entry.failed(e.getMessage()));
            return;
        }
        Instant publishAt = target.approval().draft().publishAt();
        if (publishAt != null && now.isAfter(publishAt.plus(timing.maxLateness()))) {
            ledger.move(entry, entry.failed("missed its publish time " + publishAt + " by "
                    + Duration.between(publishAt, now).toSeconds() + "s (more than the allowed "
                    + timing.maxLateness().toSeconds() + "s): not published late"));
            return;
        }
        Optional<Instant> wait = limiter.acquire(target.account().key(), now);
        if (wait.isPresent()) {
            ledger.move(entry, entry.queuedAgain(wait.get(), "waiting for " + target.account().key() + "'s rate limit"));
            return;
        }
        LedgerEntry pending = entry.calling(now, now.plus(timing.attemptTimeLimit()));
        if (!ledger.move(entry, pending)) {
            return;
        }
        try {
            target.text().checkFits(target.connector(), target.account());
        } catch (NotPublishableException e) {
            ledger.move(pending, pending.failed(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // The platform's limit could not be read (Mastodon's instance): nothing was posted, try again later.
            retryOrFail(pending, now, null, e.getMessage());
            return;
        }
        call(pending, target, now);
    }

    private void call(LedgerEntry pending, Target target, Instant now) {
        PlatformResult answer;
        try {
            answer = target.connector().publish(target.account(), target.request());
        } catch (RetryLaterException e) {
            if (e.retryAt() != null) {
                limiter.blockUntil(target.account().key(), e.retryAt());
            }
            retryOrFail(pending, now, e.retryAt(), e.getMessage());
            return;
        } catch (PlatformUnreachableException e) {
            ledger.move(pending, pending.unknown(now.plus(retry.delayAfter(pending.attempts())), e.getMessage()));
            return;
        } catch (NotPublishableException | CredentialSource.MissingCredentialException e) {
            // Raised before anything was sent: a missing setting or credential, a refused app password.
            ledger.move(pending, pending.failed(e.getMessage()));
            return;
        }
        ledger.move(pending, pending.answered(answer));
    }

    /** Surely not published: queued again with backoff, or failed once the attempts are used up. */
    private void retryOrFail(LedgerEntry entry, Instant now, Instant retryAt, String why) {
        if (retry.exhausted(entry.attempts())) {
            ledger.move(entry, entry.failed("gave up after " + entry.attempts() + " attempts: " + why));
            return;
        }
        Instant backoff = now.plus(retry.delayAfter(entry.attempts()));
        ledger.move(entry, entry.queuedAgain(retryAt != null && retryAt.isAfter(backoff) ? retryAt : backoff, why));
    }

    private void settle(LedgerEntry unknown, Instant now) {
        Target target;
        try {
            target = target(unknown);
        } catch (NotPublishableException e) {
            ledger.move(unknown, unknown.needsAttention("the answer was lost (" + unknown.error() + ") and it cannot be "
                    + "checked now: " + e.getMessage()));
            return;
        }
        if (retry.exhausted(unknown.attempts())) {
            ledger.move(unknown, unknown.needsAttention("no answer from " + unknown.platform() + " after "
                    + unknown.attempts() + " attempts (" + unknown.error() + "); check " + target.account().key()
                    + " before publishing it again"));
            return;
        }
        Duration window = target.connector().idempotencyWindow();
        if (!window.isZero() && now.isBefore(unknown.firstAttemptAt().plus(window).minus(timing.windowMargin()))) {
            // The platform answers the same key with the post it already made, if it made one.
            LedgerEntry pending = unknown.calling(now, now.plus(timing.attemptTimeLimit()));
            if (ledger.move(unknown, pending)) {
                call(pending, target, now);
            }
            return;
        }
        PlatformConnector.Lookup lookup;
        try {
            lookup = target.connector().findRecent(target.account(), target.request());
        } catch (RuntimeException e) {
            ledger.move(unknown, unknown.stillUnknown(now.plus(retry.delayAfter(unknown.attempts() + 1)),
                    "could not check " + target.account().key() + "'s recent posts: " + e.getMessage()));
            return;
        }
        switch (lookup.kind()) {
            case FOUND -> ledger.move(unknown, unknown.answered(lookup.found()));
            case ABSENT -> retryOrFail(unknown, now, null, "not found among " + target.account().key()
                    + "'s recent posts after a lost answer (" + unknown.error() + ")");
            case UNSUPPORTED -> ledger.move(unknown, unknown.needsAttention("the answer was lost (" + unknown.error()
                    + ") and " + unknown.platform() + " cannot be asked whether the post exists; check "
                    + target.account().key() + " before publishing it again"));
        }
    }

    /** The post's outcome, once every platform's entry is final. */
    public Optional<PublishOutcome> outcome(String postId) {
        return outcome(postId, ledger.entries(postId));
    }

    /** The post's outcome from these entries (all of the post's), once every one is final. */
    public Optional<PublishOutcome> outcome(String postId, List<LedgerEntry> entries) {
        if (entries.isEmpty() || !entries.stream().allMatch(e -> e.state().isFinal())) {
            return Optional.empty();
        }
        List<PublishOutcome.PlatformResult> results = entries.stream().map(LedgerEntry::toResult).toList();
        return Optional.of(new PublishOutcome(postId, PublishOutcome.statusOf(results), results, clock.instant()));
    }

    private record Target(PostDecided approval, Account account, PlatformConnector connector, PostText text,
                          PublishRequest request) {
    }

    private Target target(LedgerEntry entry) {
        PostDecided approval = ledger.approval(entry.postId()).orElseThrow(() ->
                new IllegalStateException("the ledger has entries but no approval for post " + entry.postId()));
        PlatformConnector connector = connectors.get(entry.platform());
        if (connector == null) {
            throw new NotPublishableException("no connector for platform '" + entry.platform() + "' is configured");
        }
        Account account = accounts.byHandle(entry.platform(), entry.account()).orElseThrow(() ->
                new NotPublishableException(entry.platform() + " account " + entry.account() + " is no longer registered"));
        PostText text = PostText.forAccount(approval.draft(), account);
        return new Target(approval, account, connector, text, PublishRequest.of(entry.postId(), entry.platform(), text));
    }
}
