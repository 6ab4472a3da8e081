package dev.crier.audit.messaging;

import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.NoteSigner;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.audit.store.AuditLedger;
import dev.crier.audit.store.CheckpointStore;
import dev.crier.events.CheckpointIssued;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.platform.messaging.EventSender;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint of the tree whenever it has grown, checking every {@code crier.audit.checkpoint.interval}
 * (well under a second), stores it, then publishes it on audit.checkpoints: an anchor outside the database that a
 * database superuser cannot rewrite. A checkpoint stored but not yet acknowledged by Kafka is published again on the
 * next tick.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);
    private static final String SOURCE = "/audit-service";

    private final AuditLedger ledger;
    private final CheckpointStore checkpoints;
    private final NoteSigner signer;
    private final EventSender sender;
    private final Clock clock;
    private final String origin;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private long publishedSize = -1;

    public Checkpointer(AuditLedger ledger, CheckpointStore checkpoints, NoteSigner signer, EventSender sender,
                        Clock clock, @ConfigProperty(name = "crier.audit.origin") String origin,
                        @ConfigProperty(name = "crier.audit.checkpoint.interval") Duration interval) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.sender = sender;
        this.clock = clock;
        this.origin = origin;
        this.interval = interval;
    }

    void start(@Observes StartupEvent start) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "audit-checkpointer"));
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            SignedCheckpoint latest = current();
            if (latest.checkpoint().size() > publishedSize) {
                sender.send(event(latest));
                publishedSize = latest.checkpoint().size();
            }
        } catch (RuntimeException e) {
            LOG.warnf("checkpoint not issued or not published yet, will retry: %s", e.getMessage());
        }
    }

    /** The checkpoint of the whole tree as it is now: the stored one if the tree has not grown since, else a new one. */
    public synchronized SignedCheckpoint current() {
        TreeState head = ledger.head();
        var latest = checkpoints.latest();
        if (latest.isPresent() && latest.get().checkpoint().size() >= head.size()) {
            return latest.get();
        }
        Checkpoint checkpoint = new Checkpoint(origin, head.size(), head.rootHash());
        SignedCheckpoint signed = new SignedCheckpoint(checkpoint, signer.sign(checkpoint.body()), clock.instant());
        checkpoints.insert(signed);
        return signed;
    }

    public String verifierKey() {
        return signer.verifierKey();
    }

    private Event<CheckpointIssued> event(SignedCheckpoint signed) {
        Checkpoint c = signed.checkpoint();
        return Event.of(EventType.CHECKPOINT_ISSUED, SOURCE, c.origin(), Long.toString(c.size()), signed.issuedAt(),
                new CheckpointIssued(c.origin(), c.size(), Base64.getEncoder().encodeToString(c.rootHash()),
                        signed.note(), signed.issuedAt()));
    }
}
