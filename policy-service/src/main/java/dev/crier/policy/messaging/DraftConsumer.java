package dev.crier.policy.messaging;

import dev.crier.events.Decision;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.platform.messaging.IncomingEvents.Applied;
import dev.crier.platform.outbox.Outbox;
import dev.crier.policy.PolicyInForce;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.Redaction;
import dev.crier.policy.store.DecisionStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Decides every submitted draft: the decision goes to posts.decided and the draft to the route it takes
 * (posts.approved, posts.review or posts.rejected); only an approved draft travels unmasked. A poll's drafts are decided together: their decisions and those
 * events are written in one transaction (the events to the outbox), then sent, then the records acknowledged
 * (platform's {@link IncomingEvents#handleBatch}). The events' ids depend only on the post and the policy, so a
 * draft decided again repeats them exactly and every consumer drops the repeat.
 */
@ApplicationScoped
public class DraftConsumer {

    private static final Set<EventType<?>> DRAFTS = Set.of(EventType.DRAFT_SUBMITTED);

    private final IncomingEvents incoming;
    private final PolicyInForce policy;
    private final DecisionStore store;
    private final Outbox outbox;
    private final DecisionSigner signer;
    private final DecisionMetrics metrics;
    private final Clock clock;
    private final String source;

    public DraftConsumer(IncomingEvents incoming, PolicyInForce policy, DecisionStore store, Outbox outbox,
                         DecisionSigner signer, DecisionMetrics metrics, Clock clock,
                         @ConfigProperty(name = "crier.events.source") String source) {
        this.incoming = incoming;
        this.policy = policy;
        this.store = store;
        this.outbox = outbox;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
        this.source = source;
    }

    @Incoming("drafts-submitted")
    @Blocking
    public CompletionStage<Void> onDrafts(KafkaRecordBatch<String, String> batch) {
        return incoming.handleBatch(batch, DRAFTS, this::decide);
    }

    private Applied decide(Connection c, Event<?> event) throws SQLException {
        DraftSubmitted submitted = (DraftSubmitted) event.data();
        Evaluation evaluation = metrics.timed(() -> policy.current().engine().evaluate(submitted.draft()));
        metrics.decided(evaluation);
        Decision decision = evaluation.decision();
        // Only an approved draft travels as written: it is what gets published. A rejected one, or one a person is
        // still to judge, travels with its sensitive findings masked; the review queue takes the original from here.
        var draft = decision == Decision.APPROVED ? submitted.draft() : Redaction.maskSensitive(submitted.draft(),
                Stream.concat(evaluation.findings().stream(), evaluation.shadowFindings().stream()).toList());
        Instant now = clock.instant();
        var decided = signer.sign(new PostDecided(submitted.postId(), decision, evaluation.riskScore(), evaluation.findings(),
                evaluation.shadowFindings(), evaluation.policy(), now, draft));
        store.save(c, decided, submitted.submittedBy(), decision == Decision.NEEDS_REVIEW ? submitted.draft() : null);
        String policyHash = evaluation.policy().hash();
        outbox.add(c, List.of(
                Event.of(EventType.POST_DECIDED, source, submitted.postId(), policyHash, now, decided),
                Event.of(EventType.routeOf(decision), source, submitted.postId(), policyHash, now, decided)));
        return Applied.DONE;
    }
}
