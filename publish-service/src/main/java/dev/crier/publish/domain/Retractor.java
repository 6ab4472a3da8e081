package dev.crier.publish.domain;

import dev.crier.events.PostRetracted;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a published post down: the delete call of every platform where it was published (and is not deleted
 * already), each platform's answer recorded. A platform that refuses or cannot be reached is reported as not
 * retracted with its own message; asking again retries only those.
 */
public final class Retractor {

    private final PublishLedger ledger;
    private final RetractionLog log;
    private final Map<String, PlatformConnector> connectors;
    private final AccountRegistry accounts;
    private final Clock clock;

    public Retractor(PublishLedger ledger, RetractionLog log, Map<String, PlatformConnector> connectors,
                     AccountRegistry accounts, Clock clock) {
        this.ledger = ledger;
        this.log = log;
        this.connectors = Map.copyOf(connectors);
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Why a retraction cannot be made. */
    public static class RefusedException extends RuntimeException {
        public enum Reason { UNKNOWN_POST, NOT_PUBLISHED, ALREADY_RETRACTED }

        private final Reason reason;

        RefusedException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    public PostRetracted retract(String postId, String reason, String by) {
        if (ledger.approval(postId).isEmpty()) {
            throw new RefusedException(RefusedException.Reason.UNKNOWN_POST, "publish-service holds no post " + postId + ".");
        }
        List<LedgerEntry> published = ledger.entries(postId).stream()
                .filter(e -> e.state() == LedgerState.PUBLISHED).toList();
        if (published.isEmpty()) {
            throw new RefusedException(RefusedException.Reason.NOT_PUBLISHED,
                    "Post " + postId + " is not published on any platform, so there is nothing to retract.");
        }
        Set<String> done = log.retractedPlatforms(postId);
        List<LedgerEntry> toDelete = published.stream().filter(e -> !done.contains(e.platform())).toList();
        if (toDelete.isEmpty()) {
            throw new RefusedException(RefusedException.Reason.ALREADY_RETRACTED,
                    "Post " + postId + " is already retracted on every platform where it was published.");
        }
        List<PostRetracted.Retraction> results = new ArrayList<>();
        for (LedgerEntry entry : toDelete) {
            results.add(delete(entry));
        }
        PostRetracted retraction = new PostRetracted(postId, by, reason, results, clock.instant());
        log.record(retraction);
        return retraction;
    }

    private PostRetracted.Retraction delete(LedgerEntry entry) {
        PlatformConnector connector = connectors.get(entry.platform());
        var account = accounts.byHandle(entry.platform(), entry.account());
        if (connector == null || account.isEmpty()) {
            return new PostRetracted.Retraction(entry.platform(), entry.account(), entry.platformPostId(), false,
                    "the " + entry.platform() + " account " + entry.account() + " is no longer configured");
        }
        try {
            PlatformConnector.Deletion deletion = connector.delete(account.get(), entry.platformPostId());
            return new PostRetracted.Retraction(entry.platform(), entry.account(), entry.platformPostId(),
                    deletion.deleted(), deletion.error());
        } catch (RuntimeException e) {
            // Unreachable, rate-limited or without credentials: not retracted this time; asking again retries it.
            return new PostRetracted.Retraction(entry.platform(), entry.account(), entry.platformPostId(), false, e.getMessage());
        }
    }
}
