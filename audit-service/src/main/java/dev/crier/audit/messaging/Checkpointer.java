package dev.crier.audit.messaging;

import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.NoteSigner;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.audit.store.CheckpointStore;
import dev.crier.audit.store.TreeStore;
import dev.crier.events.CheckpointIssued;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs a checkpoint of the tree whenever it has grown, checking every {@code crier.audit.checkpoint.interval}
 * (at most once a second, as quarkus-scheduler goes), and stores it with its audit.checkpoints event in one
 * transaction (the outbox), which the relay then publishes: an anchor outside the database that a database superuser
 * cannot rewrite. Every checkpoint stored is published, if Kafka is away then once it is back.
 */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOG = Logger.getLogger(Checkpointer.class);
    private static final String SOURCE = "/audit-service";

    private final Database database;
    private final CheckpointStore checkpoints;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final NoteSigner signer;
    private final Clock clock;
    private final String origin;
    /** What the last look at the tree found, for the metrics: its size, and the newest checkpoint then. */
    private volatile long treeSize = -1;
    private volatile SignedCheckpoint newest;

    public Checkpointer(Database database, CheckpointStore checkpoints, Outbox outbox, OutboxRelay relay,
                        NoteSigner signer, Clock clock, @ConfigProperty(name = "crier.audit.origin") String origin) {
        this.database = database;
        this.checkpoints = checkpoints;
        this.outbox = outbox;
        this.relay = relay;
        this.signer = signer;
        this.clock = clock;
        this.origin = origin;
    }

    /** A checkpoint, and whether it was issued just now (its event is then in the outbox, unsent). */
    private record Issue(SignedCheckpoint checkpoint, boolean issued) {
    }

    @Scheduled(every = "${crier.audit.checkpoint.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            if (issue().issued()) {
                relay.flush();
            }
        } catch (RuntimeException e) {
            LOG.warnf("checkpoint not issued yet, will retry: %s", e.getMessage());
        }
    }

    /**
     * The checkpoint of the whole tree as it is now: the stored one if the tree has not grown since, else a new one
     * (published by the relay's next round, as a reader does not wait for Kafka).
     */
    public SignedCheckpoint current() {
        return issue().checkpoint();
    }

    private synchronized Issue issue() {
        return database.inTransaction(this::issue);
    }

    private Issue issue(Connection c) throws SQLException {
        TreeState head = TreeStore.head(c);
        treeSize = head.size();
        var latest = checkpoints.latest(c);
        if (latest.isPresent() && latest.get().checkpoint().size() >= head.size()) {
            newest = latest.get();
            return new Issue(latest.get(), false);
        }
        Checkpoint checkpoint = new Checkpoint(origin, head.size(), head.rootHash());
        SignedCheckpoint signed = new SignedCheckpoint(checkpoint, signer.sign(checkpoint.body()), clock.instant());
        if (!checkpoints.insert(c, signed)) {
            // Another instance stored this size first, and its event with it.
            newest = checkpoints.latest(c).orElseThrow();
            return new Issue(newest, false);
        }
        outbox.add(c, event(signed));
        newest = signed;
        return new Issue(signed, true);
    }

    /** The tree's size when it was last looked at (every tick); -1 before the first look. */
    public long treeSize() {
        return treeSize;
    }

    /** The newest checkpoint when the tree was last looked at; empty before the first look or the first record. */
    public Optional<SignedCheckpoint> newest() {
        return Optional.ofNullable(newest);
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
