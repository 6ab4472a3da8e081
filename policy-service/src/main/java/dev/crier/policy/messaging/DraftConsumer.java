package dev.crier.policy.messaging;

import dev.crier.events.Decision;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.messaging.IncomingEvents;
import dev.crier.policy.PolicyInForce;
import dev.crier.policy.domain.Evaluation;
import dev.crier.policy.domain.Redaction;
import dev.crier.policy.store.DecisionStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Decides every submitted draft: the decision goes to posts.decided and the draft to the route it takes
 * (posts.approved, posts.review or posts.rejected). Both events are acknowledged by Kafka before the draft's
 * record is; their ids depend only on the post and the policy, so a redelivered draft repeats them exactly and
 * every consumer drops the repeat.
 */
@ApplicationScoped
public class DraftConsumer {

    private final IncomingEvents incoming;
    private final PolicyInForce policy;
    private final DecisionStore store;
    private final EventSender sender;
    private final DecisionSigner signer;
    private final Clock clock;
    private final String source;

    public DraftConsumer(IncomingEvents incoming, PolicyInForce policy, DecisionStore store, EventSender sender,
                         DecisionSigner signer, Clock clock, @ConfigProperty(name = "crier.events.source") String source) {
        this.incoming = incoming;
        this.policy = policy;
        this.store = store;
        this.sender = sender;
        this.signer = signer;
        this.clock = clock;
        this.source = source;
    }

    @Incoming("drafts-submitted")
    @Blocking
    public CompletionStage<Void> onDraft(Message<String> message) {
        return incoming.handle(message, EventType.DRAFT_SUBMITTED, this::decide);
    }

    private void decide(Event<DraftSubmitted> event) {
        DraftSubmitted submitted = event.data();
        Evaluation evaluation = policy.current().engine().evaluate(submitted.draft());
        Decision decision = evaluation.decision();
        var draft = decision == Decision.REJECTED
                ? Redaction.maskSensitive(submitted.draft(),
                java.util.stream.Stream.concat(evaluation.findings().stream(), evaluation.shadowFindings().stream()).toList()) : submitted.draft();
        Instant now = clock.instant();
        var decided = signer.sign(new PostDecided(submitted.postId(), decision, evaluation.riskScore(), evaluation.findings(),
                evaluation.shadowFindings(), evaluation.policy(), now, draft));
        store.save(decided, submitted.submittedBy());
        String policyHash = evaluation.policy().hash();
        sender.send(List.of(
                Event.of(EventType.POST_DECIDED, source, submitted.postId(), policyHash, now, decided),
                Event.of(EventType.routeOf(decision), source, submitted.postId(), policyHash, now, decided)));
    }
}
