package dev.crier.platform.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.messaging.KafkaEvents;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.ProcessedEvents;
import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.platform.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way a service consumes events. A record that is not a valid event goes to {@code <topic>.dlq} with the
 * reason and the consumer goes on. An outage (the database or the broker away) pauses the consumer: the work is
 * tried again, with backoff, until it passes, and nothing valid is ever dead-lettered for it. A record whose work
 * fails for any other reason is tried {@code crier.consumer.max-attempts} times and then dead-lettered, so it
 * cannot hold up its partition. Records are acknowledged only after their work committed: at-least-once, and every
 * event is applied once, by its id ({@link ProcessedEvents}).
 *
 * <p>{@link #handleBatch} takes what a poll returned: one transaction for the whole batch (each event's effects,
 * its id, and the events it gives rise to, written to the outbox), then the outbox relay sends those events at
 * once and the records are acknowledged. Records of one partition keep their order. When the batch's transaction
 * fails for a reason other than an outage, its events are applied one by one, each in its own transaction, so a
 * failing one neither blocks the others nor repeats their effects.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    /** An event's work inside a batch's transaction: its effects, and its resulting events added to the outbox. */
    @FunctionalInterface
    public interface Work {
        Applied apply(Connection c, Event<?> event) throws SQLException;
    }

    /**
     * What became of one event: {@link #DONE}, or done and dead-lettered too (its effects, such as an event
     * reporting a refusal, are kept; the record goes to the dead-letter topic with the reason). To roll its
     * effects back and dead-letter it, throw {@link InvalidEventException}.
     */
    public record Applied(String deadLetterReason) {
        public static final Applied DONE = new Applied(null);

        public static Applied deadLettered(String reason) {
            return new Applied(reason);
        }
    }

    private final KafkaEvents kafkaEvents;
    private final Database database;
    private final OutboxRelay relay;
    private final ConsumerSettings settings;
    private final Tracer tracer;

    public IncomingEvents(KafkaEvents kafkaEvents, Database database, OutboxRelay relay, ConsumerSettings settings,
                          Tracer tracer) {
        this.kafkaEvents = kafkaEvents;
        this.database = database;
        this.relay = relay;
        this.settings = settings;
        this.tracer = tracer;
    }

    /** Handles one poll's records of the given types; see the class comment. */
    public CompletionStage<Void> handleBatch(KafkaRecordBatch<String, String> batch, Set<EventType<?>> types, Work work) {
        List<CompletionStage<Void>> done = new ArrayList<>();
        List<Received> received = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                received.add(new Received(record, kafkaEvents.read(record, types)));
            } catch (InvalidEventException e) {
                done.add(deadLetterInvalid(record, e));
            }
        }
        if (!received.isEmpty()) {
            List<Applied> outcomes;
            try {
                outcomes = untilNoOutage(() -> database.inTransaction(c -> applyAll(c, received, work)));
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d events failed (%s); applying them one by one", received.size(), e.toString());
                outcomes = received.stream().map(r -> applyAlone(r, work)).toList();
            }
            relay.flush();
            for (int i = 0; i < received.size(); i++) {
                done.add(settle(received.get(i), outcomes.get(i)));
            }
        }
        return CompletableFuture.allOf(done.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
    }

    /** Handles one record, for a consumer whose work does its own transactions. */
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<Void> handle(Message<String> message, EventType<T> type, Consumer<Event<T>> handler) {
        return handle(message, Set.of(type), event -> handler.accept((Event<T>) event));
    }

    public CompletionStage<Void> handle(Message<String> message, Set<EventType<?>> types, Consumer<Event<?>> handler) {
        Event<?> event;
        try {
            event = kafkaEvents.read(message, types);
        } catch (InvalidEventException e) {
            return deadLetterInvalid(message, e);
        }
        return settle(new Received(message, event), withAttempts(event, () -> inTrace(message, event, () -> {
            handler.accept(event);
            return Applied.DONE;
        })));
    }

    /**
     * Sends a record that is not a valid event to its dead-letter topic; the warning is logged in the trace the
     * record came in, so that its trace id leads from the log line to whoever sent it.
     */
    public static CompletionStage<Void> deadLetterInvalid(Message<String> record, InvalidEventException e) {
        try (Scope ignored = TraceParent.receivedIn(record).makeCurrent()) {
            LOG.warnf("dead-lettering an invalid record: %s", e.getMessage());
        }
        return KafkaEvents.deadLetter(record, e);
    }

    private record Received(Message<String> record, Event<?> event) {
    }

    private List<Applied> applyAll(Connection c, List<Received> received, Work work) throws SQLException {
        List<Applied> outcomes = new ArrayList<>(received.size());
        for (Received r : received) {
            outcomes.add(applyOnce(c, r, work));
        }
        return outcomes;
    }

    private Applied applyAlone(Received r, Work work) {
        return withAttempts(r.event(), () -> database.inTransaction(c -> applyOnce(c, r, work)));
    }

    private Applied applyOnce(Connection c, Received r, Work work) throws SQLException {
        if (!ProcessedEvents.firstTime(c, r.event().id())) {
            return Applied.DONE;
        }
        return inTrace(r.record(), r.event(), () -> work.apply(c, r.event()));
    }

    /** Work that may throw what its caller handles (SQLException in a transaction, nothing checked elsewhere). */
    @FunctionalInterface
    private interface Traced<R, E extends Exception> {
        R run() throws E;
    }

    /**
     * The event's work in a span of the trace its record came in (each record of a batch its own), so that the
     * events it gives rise to, written to the outbox meanwhile, go on in that trace ({@link TraceParent}).
     */
    private <R, E extends Exception> R inTrace(Message<String> record, Event<?> event, Traced<R, E> work) throws E {
        Span span = tracer.spanBuilder("apply " + event.type().ceType())
                .setParent(TraceParent.receivedIn(record))
                .setAttribute("crier.post_id", event.postId())
                .setAttribute("crier.event_id", event.id())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } finally {
            span.end();
        }
    }

    /** Tries the work until it succeeds or fails for the event's own sake (then as a dead letter, with the reason). */
    private Applied withAttempts(Event<?> event, Supplier<Applied> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return untilNoOutage(work);
            } catch (InvalidEventException e) {
                // Valid by the schema but not by the handler's rules (say, a REJECTED post on posts.approved):
                // trying again cannot help.
                return Applied.deadLettered(e.getMessage());
            } catch (RuntimeException e) {
                if (attempt >= settings.maxAttempts()) {
                    LOG.errorf(e, "event %s (%s) failed %d times; dead-lettering it", event.id(), event.type().ceType(), attempt);
                    return Applied.deadLettered("failed " + attempt + " times: " + e);
                }
                LOG.warnf("event %s (%s) failed (attempt %d of %d): %s", event.id(), event.type().ceType(), attempt,
                        settings.maxAttempts(), e.toString());
                sleep(backoff(attempt));
            }
        }
    }

    /** Runs the work; while the database or the broker is away, waits and tries again, for as long as that lasts. */
    private <R> R untilNoOutage(Supplier<R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (StoreUnavailableException | EventSender.EventNotSentException e) {
                Duration wait = backoff(attempt);
                LOG.warnf("paused %s: %s (try %d)", wait, e.getMessage(), attempt);
                sleep(wait);
            }
        }
    }

    private CompletionStage<Void> settle(Received r, Applied applied) {
        if (applied.deadLetterReason() == null) {
            return r.record().ack();
        }
        LOG.warnf("dead-lettering event %s (%s): %s", r.event().id(), r.event().type().ceType(), applied.deadLetterReason());
        return KafkaEvents.deadLetter(r.record(), new InvalidEventException(applied.deadLetterReason()));
    }

    private Duration backoff(int attempt) {
        Duration d = settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
