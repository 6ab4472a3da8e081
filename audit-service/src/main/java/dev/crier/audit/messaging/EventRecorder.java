package dev.crier.audit.messaging;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.store.AuditLedger;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.Topics;
import dev.crier.events.signing.TrustedKeysDir;
import dev.crier.events.messaging.KafkaEvents;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.platform.tracing.TraceParent;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Appends every valid event of every pipeline topic to the ledger, exactly as it arrived. One channel, in order: this
 * is the ledger's single writer. The channel delivers what each poll returned as one batch (batch mode), appended
 * in one transaction: a redelivered event is dropped by its id inside that transaction, a record that is not a
 * valid event goes to its topic's dead-letter topic. If the batch's transaction fails, its events go one by one
 * through platform's {@link IncomingEvents} (retries with backoff, then the dead-letter topic), so one event that
 * the database refuses cannot hold up the others. An outage, however long, only pauses it: the ledger reports it as
 * {@code StoreUnavailableException}, for which IncomingEvents waits and dead-letters nothing.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final Set<EventType<?>> PIPELINE = EventType.all().stream()
            .filter(t -> Topics.pipeline().contains(t.topic())).collect(Collectors.toUnmodifiableSet());

    private final IncomingEvents incoming;
    private final KafkaEvents kafkaEvents;
    private final AuditLedger ledger;
    private final TrustedKeysDir trustedKeys;
    private final Tracer tracer;

    public EventRecorder(IncomingEvents incoming, KafkaEvents kafkaEvents, AuditLedger ledger, TrustedKeysDir trustedKeys,
                         Tracer tracer) {
        this.incoming = incoming;
        this.kafkaEvents = kafkaEvents;
        this.ledger = ledger;
        this.trustedKeys = trustedKeys;
        this.tracer = tracer;
    }

    @Incoming("pipeline")
    @Blocking
    public CompletionStage<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> valid = new ArrayList<>();
        List<ReceivedEvent> events = new ArrayList<>();
        List<CompletionStage<Void>> done = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                // The ledger keeps the record's value as received, not only the parsed event.
                events.add(ReceivedEvent.of(kafkaEvents.read(record, PIPELINE), record.getPayload(), trustedKeys));
                valid.add(record);
            } catch (InvalidEventException e) {
                done.add(IncomingEvents.deadLetterInvalid(record, e));
            }
        }
        if (!events.isEmpty()) {
            try {
                Instant started = Instant.now();
                Set<String> appended = ledger.appendAll(events);
                traceAppends(valid, events, started, appended);
                if (appended.size() < events.size()) {
                    LOG.debugf("%d of %d events were already in the ledger; dropped the repeats",
                            events.size() - appended.size(), events.size());
                }
                valid.forEach(record -> done.add(record.ack()));
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d events could not be appended (%s); appending them one by one", events.size(),
                        e.toString());
                valid.forEach(record -> done.add(incoming.handle(record, PIPELINE,
                        event -> ledger.append(ReceivedEvent.of(event, record.getPayload(), trustedKeys)))));
            }
        }
        return CompletableFuture.allOf(done.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * One span per event in the trace its record came in, spanning the batch's append: the batch shares one
     * transaction, so each event's append lasts as long as the whole.
     */
    private void traceAppends(List<KafkaRecord<String, String>> records, List<ReceivedEvent> events, Instant started,
                              Set<String> appended) {
        for (int i = 0; i < records.size(); i++) {
            String eventId = events.get(i).eventId();
            tracer.spanBuilder("audit append")
                    .setParent(TraceParent.receivedIn(records.get(i)))
                    .setStartTimestamp(started)
                    .setAttribute("crier.event_id", eventId)
                    .setAttribute("crier.post_id", events.get(i).subject())
                    .setAttribute("crier.audit.appended", appended.contains(eventId))
                    .startSpan()
                    .end();
        }
    }
}
