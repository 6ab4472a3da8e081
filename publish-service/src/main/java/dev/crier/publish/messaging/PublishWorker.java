package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PublishOutcome;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import dev.crier.platform.tracing.TraceParent;
import dev.crier.publish.config.PublishSettings;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.store.LedgerStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The durable schedule's engine: claims due entries from the ledger (new posts, scheduled ones, retries, lost
 * answers to settle) a batch at a time and hands each to its platform's own small pool, so one slow platform holds
 * up no other post; then reports every post whose platforms are all final, once: the outcomes go to the outbox in
 * the transaction that marks them reported, a batch at a time, and the relay sends them. Nothing waits in memory: a
 * restart picks everything up from the database, and a call the stopped process left PENDING is settled first.
 *
 * <p>The poll runs every {@code crier.publish.poll-interval} (quarkus-scheduler, which fires at most once a second),
 * at once when woken by a new approval, a few milliseconds after a call finished (the calls finishing together share
 * that poll), and at the moment the next entry falls due when that is sooner than the next scheduled poll: a
 * scheduled post goes out on time. Polls never overlap, and a wake during a poll runs one more.
 */
@ApplicationScoped
public class PublishWorker {

    private static final Logger LOG = Logger.getLogger(PublishWorker.class);
    private static final int REPORT_BATCH = 500;
    /** quarkus-scheduler's simple scheduler checks its triggers once a second. */
    private static final Duration SCHEDULER_RESOLUTION = Duration.ofSeconds(1);
    /** How long the poll after a finished call waits for the calls finishing with it: a few ms on each post. */
    private static final Duration AFTER_CALL = Duration.ofMillis(5);

    private final Publisher publisher;
    private final LedgerStore ledger;
    private final Database database;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PublishSettings settings;
    private final PublishMetrics metrics;
    private final String source;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, ExecutorService> calls = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Tracer tracer;
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    /** When the poller is set to wake next on its own (a due time sooner than the next scheduled poll). */
    private final AtomicReference<Instant> alarm = new AtomicReference<>(Instant.MAX);
    private volatile ScheduledExecutorService poller;

    public PublishWorker(Publisher publisher, LedgerStore ledger, Database database, Outbox outbox, OutboxRelay relay,
                         PublishSettings settings, PublishMetrics metrics, Clock clock, Tracer tracer,
                         @ConfigProperty(name = "crier.events.source") String source) {
        this.tracer = tracer;
        this.publisher = publisher;
        this.ledger = ledger;
        this.database = database;
        this.outbox = outbox;
        this.relay = relay;
        this.settings = settings;
        this.metrics = metrics;
        this.source = source;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        try {
            publisher.recover();
        } catch (RuntimeException e) {
            // The database is not there yet: the PENDING entries are settled anyway once their time limit passes.
            LOG.warnf("could not settle the calls left PENDING at startup: %s", e.toString());
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "publish-poll"));
        wake();
    }

    void stop(@Observes ShutdownEvent stopping) {
        ScheduledExecutorService p = poller;
        poller = null;
        if (p != null) {
            p.shutdownNow();
        }
        calls.values().forEach(ExecutorService::shutdown);
        for (ExecutorService pool : calls.values()) {
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Scheduled(every = "${crier.publish.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Something new is due now: poll at once rather than at the next interval. */
    public void wake() {
        wakeIn(Duration.ZERO);
    }

    /**
     * Polls after {@code delay}, unless a poll is already queued: the wakes that come meanwhile share it. A finished
     * call waits {@link #AFTER_CALL} so that under load the calls finishing together are reported by one poll (each
     * poll is three transactions) rather than one poll each.
     */
    private void wakeIn(Duration delay) {
        ScheduledExecutorService p = poller;
        if (p != null && pollQueued.compareAndSet(false, true)) {
            Runnable poll = () -> {
                pollQueued.set(false);
                tick();
            };
            try {
                if (delay.isZero()) {
                    p.execute(poll);
                } else {
                    p.schedule(poll, delay.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException stopping) {
                pollQueued.set(false);
            }
        }
    }

    private void tick() {
        try {
            for (LedgerEntry entry : publisher.due(settings.claimBatch(), backedUp())) {
                String key = entry.postId() + "|" + entry.platform();
                if (inFlight.add(key)) {
                    callsTo(entry.platform()).execute(() -> work(key, entry));
                }
            }
            report();
            Instant now = clock.instant();
            ledger.nextDue(now, now.plus(SCHEDULER_RESOLUTION)).ifPresent(this::wakeAt);
        } catch (RuntimeException e) {
            LOG.warnf("the publish schedule could not be read (tried again in %s): %s", settings.pollInterval(), e.toString());
        }
    }

    private void wakeAt(Instant due) {
        ScheduledExecutorService p = poller;
        Instant set = alarm.get();
        if (p == null || !due.isBefore(set) || !alarm.compareAndSet(set, due)) {
            return;
        }
        try {
            p.schedule(() -> {
                alarm.compareAndSet(due, Instant.MAX);
                wake();
            }, Math.max(0, Duration.between(clock.instant(), due).toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            alarm.set(Instant.MAX);
        }
    }

    /** Moves the entry on in a span of the post's trace: the platform call is the end of the draft's journey. */
    private void work(String key, LedgerEntry entry) {
        Span span = tracer.spanBuilder("publish " + entry.platform())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(TraceParent.restore(ledger.traceParent(entry.postId())))
                .setAttribute("crier.post_id", entry.postId())
                .setAttribute("crier.platform", entry.platform())
                .setAttribute("crier.account", entry.account())
                .setAttribute("crier.ledger_state", entry.state().name())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            publisher.work(entry);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            LOG.errorf(e, "publishing post %s to %s failed; it stays in the ledger and is tried again",
                    entry.postId(), entry.platform());
        } finally {
            span.end();
            inFlight.remove(key);
            wakeIn(AFTER_CALL);
        }
    }

    /** The platforms with a claim's worth of calls waiting or under way: no more are claimed for them for now. */
    private Set<String> backedUp() {
        Map<String, Integer> waiting = new HashMap<>();
        inFlight.forEach(key -> waiting.merge(key.substring(key.indexOf('|') + 1), 1, Integer::sum));
        Set<String> full = new HashSet<>();
        waiting.forEach((platform, n) -> {
            if (n >= settings.claimBatch()) {
                full.add(platform);
            }
        });
        return full;
    }

    private ExecutorService callsTo(String platform) {
        return calls.computeIfAbsent(platform, p -> Executors.newFixedThreadPool(settings.workers(),
                r -> new Thread(r, "publish-call-" + p)));
    }

    /**
     * Puts each finished post's outcome in the outbox and marks it reported, in one transaction per batch, then
     * sends: the event id is the post's, so a repeat after a crash is dropped downstream.
     */
    private void report() {
        int total = 0;
        int round;
        do {
            List<PublishOutcome> reported = new ArrayList<>();
            round = database.inTransaction(c -> {
                reported.clear();
                Map<String, List<LedgerEntry>> finished = ledger.finished(c, REPORT_BATCH);
                List<Event<?>> outcomes = new ArrayList<>();
                finished.forEach((postId, entries) -> publisher.outcome(postId, entries).ifPresent(o -> {
                    reported.add(o);
                    outcomes.add(Event.of(EventType.outcomeOf(o.status()), source, postId, null, o.completedAt(), o));
                }));
                Map<String, String> traces = ledger.traceParents(c, finished.keySet());
                outbox.add(c, outcomes, outcome -> traces.get(outcome.postId()));
                ledger.outcomesReported(c, outcomes.stream().map(Event::postId).toList());
                return finished.size();
            });
            // Counted once committed, so a transaction tried again does not count twice.
            reported.forEach(metrics::reported);
            total += round;
        } while (round == REPORT_BATCH);
        if (total > 0) {
            relay.flush();
        }
    }
}
