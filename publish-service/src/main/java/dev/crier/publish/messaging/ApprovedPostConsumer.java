package dev.crier.publish.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishRefused;
import dev.crier.events.signing.TrustedKeysDir;
import dev.crier.events.signing.Verification;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.publish.domain.Publisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Records every approved post in the ledger, then acknowledges it: the publishing itself is the worker's, from the
 * database, so a slow platform never holds up the consumer and a redelivered record (already recorded) changes
 * nothing and calls no platform.
 *
 * <p>Before anything is recorded, the approval's signature must verify against the trusted policy-service keys: a
 * Kafka administrator or a leaked credential can put a record on posts.approved, but cannot sign one. A record that
 * is unsigned, signed by an unknown key or changed after signing is never recorded: it is counted
 * ({@code crier.publish.refused}), reported on posts.publish-refused (acknowledged by Kafka first, so a refusal is
 * never lost) and dead-lettered with the reason.
 */
@ApplicationScoped
public class ApprovedPostConsumer {

    private static final Logger LOG = Logger.getLogger(ApprovedPostConsumer.class);

    private final IncomingEvents incoming;
    private final Publisher publisher;
    private final PublishWorker worker;
    private final TrustedKeysDir trustedKeys;
    private final EventSender sender;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final String source;

    public ApprovedPostConsumer(IncomingEvents incoming, Publisher publisher, PublishWorker worker,
                                TrustedKeysDir trustedKeys, EventSender sender, MeterRegistry metrics, Clock clock,
                                @ConfigProperty(name = "crier.events.source") String source) {
        this.incoming = incoming;
        this.publisher = publisher;
        this.worker = worker;
        this.trustedKeys = trustedKeys;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.source = source;
    }

    @Incoming("posts-approved")
    @Blocking
    public CompletionStage<Void> onApproved(Message<String> m) {
        return incoming.handle(m, EventType.POST_APPROVED, this::accept);
    }

    private void accept(Event<PostDecided> event) {
        Verification verification = trustedKeys.verify(event.data());
        if (!verification.verified()) {
            refuse(event, verification);
        }
        if (publisher.accept(event.data())) {
            worker.wake();
        }
    }

    private void refuse(Event<PostDecided> event, Verification verification) {
        String reason = "refused to publish: " + verification.reason();
        LOG.errorf("approval %s of post %s: %s", event.id(), event.postId(), reason);
        Instant now = clock.instant();
        sender.send(Event.of(EventType.POST_PUBLISH_REFUSED, source, event.postId(), event.id(), now,
                new PublishRefused(event.postId(), verification.status().name(), verification.keyId(), reason, event.id(), now)));
        Counter.builder("crier.publish.refused").description("approvals refused because their signature did not verify")
                .tag("status", verification.status().name()).register(metrics).increment();
        throw new InvalidEventException(reason);
    }
}
