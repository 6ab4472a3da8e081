package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishRefused;
import dev.crier.events.signing.TrustedKeysDir;
import dev.crier.events.signing.Verification;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.platform.messaging.IncomingEvents.Applied;
import dev.crier.platform.outbox.Outbox;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.store.AppliedEvents;
import dev.crier.publish.store.LedgerStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Records every approved post in the ledger, a poll's worth at a time in one transaction, then acknowledges them
 * and wakes the worker: the publishing itself is the worker's, from the database, so a slow platform never holds up
 * the consumer and a redelivered record (already applied, or its post already recorded) changes nothing and calls
 * no platform.
 *
 * <p>Before anything is recorded, the approval's signature must verify against the trusted policy-service keys: a
 * Kafka administrator or a leaked credential can put a record on posts.approved, but cannot sign one. A record that
 * is unsigned, signed by an unknown key or changed after signing is never recorded: its posts.publish-refused
 * event goes to the outbox in the batch's transaction (so a refusal is never lost), it is counted
 * ({@code crier.publish.refused}, once the batch committed) and dead-lettered with the reason. Its event id is not
 * kept as applied: a forgery that borrowed the id of a genuine approval still to come must not make that one look
 * like a repeat.
 */
@ApplicationScoped
public class ApprovedPostConsumer {

    private static final Logger LOG = Logger.getLogger(ApprovedPostConsumer.class);
    private static final Set<EventType<?>> APPROVED = Set.of(EventType.POST_APPROVED);

    private final IncomingEvents incoming;
    private final Publisher publisher;
    private final LedgerStore ledger;
    private final Outbox outbox;
    private final PublishWorker worker;
    private final TrustedKeysDir trustedKeys;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final String source;

    public ApprovedPostConsumer(IncomingEvents incoming, Publisher publisher, LedgerStore ledger, Outbox outbox,
                                PublishWorker worker, TrustedKeysDir trustedKeys, MeterRegistry metrics, Clock clock,
                                @ConfigProperty(name = "crier.events.source") String source) {
        this.incoming = incoming;
        this.publisher = publisher;
        this.ledger = ledger;
        this.outbox = outbox;
        this.worker = worker;
        this.trustedKeys = trustedKeys;
        this.metrics = metrics;
        this.clock = clock;
        this.source = source;
        // Every reason at zero from the start: an alert on the counter's increase needs a series before the first.
        for (Verification.Status status : Verification.Status.values()) {
            if (status != Verification.Status.VERIFIED) {
                refusedCounter(status.name());
            }
        }
    }

    private Counter refusedCounter(String status) {
        return Counter.builder("crier.publish.refused")
                .description("approvals refused because their signature did not verify")
                .tag("status", status).register(metrics);
    }

    @Incoming("posts-approved")
    @Blocking
    public CompletionStage<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        // By event id: the batch's transaction may run more than once (an outage, a failing event), the count once.
        Map<String, String> refused = new LinkedHashMap<>();
        CompletionStage<Void> done = incoming.handleBatch(batch, APPROVED, (c, event) -> apply(c, event, refused));
        refused.values().forEach(status -> refusedCounter(status).increment());
        worker.wake();
        return done;
    }

    @SuppressWarnings("unchecked")
    private Applied apply(Connection c, Event<?> received, Map<String, String> refused) throws SQLException {
        Event<PostDecided> event = (Event<PostDecided>) received;
        Verification verification = trustedKeys.verify(event.data());
        if (!verification.verified()) {
            return refuse(c, event, verification, refused);
        }
        ledger.record(c, event.data(), publisher.plan(event.data()));
        return Applied.DONE;
    }

    private Applied refuse(Connection c, Event<PostDecided> event, Verification verification,
                           Map<String, String> refused) throws SQLException {
        String reason = "refused to publish: " + verification.reason();
        LOG.errorf("approval %s of post %s: %s", event.id(), event.postId(), reason);
        Instant now = clock.instant();
        outbox.add(c, Event.of(EventType.POST_PUBLISH_REFUSED, source, event.postId(), event.id(), now,
                new PublishRefused(event.postId(), verification.status().name(), verification.keyId(), reason, event.id(), now)));
        AppliedEvents.forget(c, event.id());
        refused.put(event.id(), verification.status().name());
        return Applied.deadLettered(reason);
    }
}
