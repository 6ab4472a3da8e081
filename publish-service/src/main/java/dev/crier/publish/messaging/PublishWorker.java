package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PublishOutcome;
import dev.crier.platform.messaging.EventSender;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.PublishLedger;
import dev.crier.publish.domain.Publisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The durable schedule's engine: polls the ledger for due entries (scheduled posts, retries, lost answers to settle)
 * and hands each to a small pool, so one slow platform holds up no other post; then reports every post whose
 * platforms are all final, once, on posts.published or posts.publish-failed. Nothing waits in memory: a restart
 * picks everything up from the database, and a call the stopped process left PENDING is settled first.
 */
@ApplicationScoped
public class PublishWorker {

    private static final Logger LOG = Logger.getLogger(PublishWorker.class);
    private static final int BATCH = 100;

    private final Publisher publisher;
    private final PublishLedger ledger;
    private final EventSender sender;
    private final String source;
    private final Duration pollInterval;
    private final int threads;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private ExecutorService calls;

    public PublishWorker(Publisher publisher, PublishLedger ledger, EventSender sender,
                         @ConfigProperty(name = "crier.events.source") String source,
                         @ConfigProperty(name = "crier.publish.poll-interval", defaultValue = "200ms") Duration pollInterval,
                         @ConfigProperty(name = "crier.publish.workers", defaultValue = "4") int threads) {
        this.publisher = publisher;
        this.ledger = ledger;
        this.sender = sender;
        this.source = source;
        this.pollInterval = pollInterval;
        this.threads = threads;
    }

    void start(@Observes StartupEvent started) {
        try {
            publisher.recover();
        } catch (RuntimeException e) {
            // The database is not there yet: the PENDING entries are settled anyway once their time limit passes.
            LOG.warnf("could not settle the calls left PENDING at startup: %s", e.toString());
        }
        calls = Executors.newFixedThreadPool(threads, r -> new Thread(r, "publish-call"));
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "publish-poll"));
        poller.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (poller != null) {
            poller.shutdownNow();
            calls.shutdown();
            try {
                calls.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something new is due now: poll at once rather than at the next interval. */
    public void wake() {
        if (poller != null && !poller.isShutdown()) {
            poller.execute(this::tick);
        }
    }

    private void tick() {
        try {
            for (LedgerEntry entry : publisher.due(BATCH)) {
                String key = entry.postId() + "|" + entry.platform();
                if (inFlight.add(key)) {
                    calls.execute(() -> {
                        try {
                            publisher.work(entry);
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "publishing post %s to %s failed; it stays in the ledger and is tried again",
                                    entry.postId(), entry.platform());
                        } finally {
                            inFlight.remove(key);
                            wake();
                        }
                    });
                }
            }
            report();
        } catch (RuntimeException e) {
            LOG.warnf("the publish schedule could not be read (tried again in %s): %s", pollInterval, e.toString());
        }
    }

    /** Sends each finished post's outcome; the event id is the post's, so a repeat after a crash is dropped downstream. */
    private void report() {
        for (String postId : ledger.awaitingOutcome(BATCH)) {
            Optional<PublishOutcome> outcome = publisher.outcome(postId);
            if (outcome.isPresent()) {
                PublishOutcome o = outcome.get();
                sender.send(Event.of(EventType.outcomeOf(o.status()), source, postId, null, o.completedAt(), o));
                ledger.outcomeReported(postId);
            }
        }
    }
}
