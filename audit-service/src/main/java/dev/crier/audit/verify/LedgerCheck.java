package dev.crier.audit.verify;

import dev.crier.audit.domain.RecordFilter;
import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.NoteSigner;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.messaging.Checkpointer;
import dev.crier.audit.store.RecordSearch;
import dev.crier.events.signing.TrustedKeysDir;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The verify command's check, run by the service over its own database for the auditor console: the newest
 * checkpoint's signature (against this service's key), every record's bytes against its leaf hash, the rebuilt tree's
 * root against the checkpoint ({@link LogVerifier}), and every decision's signature against the trusted keys
 * ({@link DecisionChecks}), reported apart as the command does. One run at a time, in the background, with its
 * progress; about 80,000 records a second, so a large log does not hold a request open.
 */
@ApplicationScoped
public class LedgerCheck {

    private static final Logger LOG = Logger.getLogger(LedgerCheck.class);
    private static final int PROGRESS_EVERY = 5_000;

    public enum State { NEVER_RUN, RUNNING, SOUND, NOT_SOUND, FAILED }

    /**
     * Where the check stands: {@code checked} of {@code total} records; once done, the log's problems in plain words
     * (its state says whether it is sound), and apart from them the decisions' signatures: a summary and each
     * decision that did not verify (recorded faithfully, so the log stays sound, but someone forged or altered it).
     */
    public record Status(State state, long checked, long total, String rootHash, Instant startedAt,
                         Instant finishedAt, List<String> problems, String decisions, List<String> badDecisions) {
        public boolean running() {
            return state == State.RUNNING;
        }
    }

    private final Checkpointer checkpointer;
    private final RecordSearch search;
    private final TrustedKeysDir trustedKeys;
    private final Clock clock;
    private final AtomicReference<Status> status =
            new AtomicReference<>(new Status(State.NEVER_RUN, 0, 0, null, null, null, List.of(), null, List.of()));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-ledger-check");
        t.setDaemon(true);
        return t;
    });

    public LedgerCheck(Checkpointer checkpointer, RecordSearch search, TrustedKeysDir trustedKeys, Clock clock) {
        this.checkpointer = checkpointer;
        this.search = search;
        this.trustedKeys = trustedKeys;
        this.clock = clock;
    }

    void stop(@Observes ShutdownEvent stop) {
        runner.shutdownNow();
    }

    public Status status() {
        return status.get();
    }

    /** Starts a check unless one is running, and waits up to {@code patience} for it to end. */
    public Status start(Duration patience) {
        Status current = status.get();
        if (!current.running()) {
            Status started = new Status(State.RUNNING, 0, 0, null, clock.instant(), null, List.of(), null, List.of());
            if (status.compareAndSet(current, started)) {
                runner.execute(() -> run(started.startedAt()));
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (status.get().running() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return status.get();
    }

    private void run(Instant startedAt) {
        List<String> problems = new ArrayList<>();
        DecisionChecks decisions = new DecisionChecks(trustedKeys.current());
        long[] checked = {0};
        try {
            SignedCheckpoint stored = checkpointer.current();
            Checkpoint signed;
            try {
                signed = Checkpoint.parse(NoteSigner.verify(stored.note(), checkpointer.verifierKey()));
            } catch (IllegalArgumentException e) {
                problems.add("the newest checkpoint is not signed by this log's key: " + e.getMessage());
                finish(State.NOT_SOUND, 0, stored.checkpoint(), startedAt, problems, null);
                return;
            }
            if (!signed.equals(stored.checkpoint())) {
                problems.add("the stored checkpoint's size or root differ from what its signed note says");
            }
            long total = signed.size();
            String root = Base64.getEncoder().encodeToString(signed.rootHash());
            LogVerifier verifier = new LogVerifier(null);
            search.stream(RecordFilter.ANY, total, r -> {
                verifier.record(r.index(), r.payload(), r.leafHash());
                decisions.record(r.index(), r.type(), r.payload(), r.signatureCheck());
                if (++checked[0] % PROGRESS_EVERY == 0) {
                    status.set(new Status(State.RUNNING, checked[0], total, root, startedAt, null, List.of(), null, List.of()));
                }
            });
            problems.addAll(verifier.finish(signed).problems());
            finish(problems.isEmpty() ? State.SOUND : State.NOT_SOUND, checked[0], signed, startedAt, problems, decisions);
        } catch (RuntimeException e) {
            LOG.warn("the ledger check could not run", e);
            problems.add("the check could not run: " + e.getMessage());
            status.set(new Status(State.FAILED, checked[0], 0, null, startedAt, clock.instant(), problems, null, List.of()));
        }
    }

    private void finish(State state, long checked, Checkpoint checkpoint, Instant startedAt, List<String> problems,
                        DecisionChecks decisions) {
        status.set(new Status(state, checked, checkpoint.size(),
                Base64.getEncoder().encodeToString(checkpoint.rootHash()), startedAt, clock.instant(),
                List.copyOf(problems), decisions == null ? null : decisions.summary(),
                decisions == null ? List.of() : decisions.problems()));
    }
}
