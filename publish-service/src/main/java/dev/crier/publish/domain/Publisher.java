package dev.crier.publish.domain;

import dev.crier.events.Decision;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes an approved post to each of its platforms, at most once per platform: the ledger records PENDING before
 * each call and the answer after it, and a platform whose entry is final is not called again; its stored answer is
 * reported instead. A PENDING entry (a call that crashed or could not be answered) is called again, with the same
 * idempotency key.
 */
public final class Publisher {

    private final PublishLedger ledger;
    private final Map<String, PlatformConnector> connectors;

    public Publisher(PublishLedger ledger, Map<String, PlatformConnector> connectors) {
        this.ledger = ledger;
        this.connectors = Map.copyOf(connectors);
    }

    /**
     * Publishes the draft to every platform it lists and returns each platform's result, in the draft's order.
     *
     * @throws PlatformUnreachableException when a platform's answer is unknown; retry the whole post later
     */
    public List<PublishOutcome.PlatformResult> publish(PostDecided approved) {
        if (approved.decision() != Decision.APPROVED) {
            throw new InvalidEventException("post " + approved.postId() + " is " + approved.decision()
                    + ", not APPROVED: it must not be published");
        }
        return approved.draft().platforms().stream().map(platform -> publishTo(approved, platform)).toList();
    }

    private PublishOutcome.PlatformResult publishTo(PostDecided approved, String platform) {
        String postId = approved.postId();
        Optional<LedgerEntry> recorded = ledger.find(postId, platform);
        if (recorded.isPresent() && recorded.get().state().isFinal()) {
            return recorded.get().toResult();
        }
        ledger.open(postId, platform);
        LedgerEntry answered = LedgerEntry.answered(postId, platform, call(approved, platform));
        ledger.move(answered);
        return answered.toResult();
    }

    private PlatformResult call(PostDecided approved, String platform) {
        PlatformConnector connector = connectors.get(platform);
        if (connector == null) {
            return PlatformResult.failed("no connector for platform '" + platform + "' is configured");
        }
        var draft = approved.draft();
        return connector.publish(PublishRequest.of(approved.postId(), platform, draft.text(), draft.language()));
    }
}
