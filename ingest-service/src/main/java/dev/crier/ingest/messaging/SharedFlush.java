package dev.crier.ingest.messaging;

import dev.crier.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets concurrent submissions share one outbox flush: a caller whose events were committed before a flush began
 * takes that flush's result instead of starting its own. Under load, one flush (one Kafka round trip, a few
 * statements) then answers every request that committed while the one before it was running.
 */
@ApplicationScoped
public class SharedFlush {

    private final OutboxRelay relay;
    /** Numbers callers in the order they ask; each asks only after its commit. */
    private final AtomicLong asked = new AtomicLong();
    /** Guarded by this: every caller numbered up to {@code covered} was covered by the flush that ended last. */
    private long covered;
    private boolean lastSent;

    public SharedFlush(OutboxRelay relay) {
        this.relay = relay;
    }

    /**
     * Sends everything committed before this call; true when Kafka acknowledged it all, false when something
     * (perhaps another caller's event, perhaps this caller's) was left in the outbox.
     */
    public boolean flush() {
        long ticket = asked.incrementAndGet();
        synchronized (this) {
            if (covered < ticket) {
                // Everyone who asked so far had committed before now, so this flush covers them all.
                long upTo = asked.get();
                lastSent = relay.flush();
                covered = upTo;
            }
            return lastSent;
        }
    }
}
