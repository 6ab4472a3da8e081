package dev.crier.policy;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PostDecided;
import dev.crier.events.Review;
import dev.crier.events.ReviewOutcome;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import dev.crier.platform.tracing.TraceParent;
import dev.crier.policy.domain.Redaction;
import dev.crier.policy.domain.review.Judgement;
import dev.crier.policy.domain.review.ReviewCase;
import dev.crier.policy.domain.review.ReviewCase.Status;
import dev.crier.policy.domain.review.ReviewRules;
import dev.crier.policy.domain.review.Ruling;
import dev.crier.policy.store.DecisionStore;
import dev.crier.policy.store.ReviewStore;
import dev.crier.policy.store.ReviewStore.HistoryEntry;
import dev.crier.policy.store.ReviewStore.Stored;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The review queue at work: drafts come in from posts.review, people decide them under the review rules, the clock
 * expires and escalates them, and every outcome becomes an event.
 *
 * <p>Consistency between the database and Kafka: a change and its events are written in one transaction (the events
 * to platform's {@link Outbox}, with ids derived from the post, the event type and the review's version), then the
 * {@link OutboxRelay} sends them and drops them once Kafka acknowledged them. A decision is answered as sent only
 * after that acknowledgement. A crash after the commit leaves the events in the outbox, and the relay (which runs on
 * its own too) sends them; a crash between the send and the delete sends them again with the same ids, which every
 * consumer drops. We chose this over "send, then commit" because with that order a crash after the send would leave
 * the review PENDING while its approval is on Kafka, and a second reviewer could then send a contradicting decision.
 */
@ApplicationScoped
public class ReviewQueue {

    private static final Logger LOG = Logger.getLogger(ReviewQueue.class);
    static final String SYSTEM = "system";

    /** What became of a decision asked through the API. */
    public sealed interface Outcome {
        /** Recorded; {@code sent}: its events (if any) are acknowledged by Kafka. */
        record Done(Stored review, boolean sent) implements Outcome {
        }

        record Refused(Ruling.Refused refusal, Stored current) implements Outcome {
        }

        record NotFound() implements Outcome {
        }
    }

    private final ReviewStore store;
    private final DecisionStore decisions;
    private final Database database;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final PolicyInForce policy;
    private final DecisionSigner signer;
    private final ReviewQueueMetrics metrics;
    private final Clock clock;
    private final Tracer tracer;
    private final String source;

    public ReviewQueue(ReviewStore store, DecisionStore decisions, Database database, Outbox outbox, OutboxRelay relay,
                       PolicyInForce policy, DecisionSigner signer, ReviewQueueMetrics metrics, Clock clock, Tracer tracer,
                       @ConfigProperty(name = "crier.events.source") String source) {
        this.tracer = tracer;
        this.store = store;
        this.decisions = decisions;
        this.database = database;
        this.outbox = outbox;
        this.relay = relay;
        this.policy = policy;
        this.signer = signer;
        this.metrics = metrics;
        this.clock = clock;
        this.source = source;
    }

    /**
     * Puts a draft routed to review in the queue, in the transaction of {@code c}, with what the policy in force asks
     * of its review (fixed from then on). A second event for a post already queued changes nothing.
     *
     * @throws InvalidEventException when the post was not routed to review
     */
    public void enqueue(Connection c, PostDecided decided) throws SQLException {
        if (decided.decision() != Decision.NEEDS_REVIEW) {
            throw new InvalidEventException("a " + decided.decision() + " post has no place in the review queue");
        }
        // The event carries the draft masked; reviewers judge, and an approval publishes, the draft as submitted.
        var held = decisions.heldForReview(c, decided.postId());
        PostDecided queued = held.flatMap(DecisionStore.HeldForReview::original).map(decided::withDraft).orElse(decided);
        Draft draft = queued.draft();
        var requirements = policy.current().policy().review().requirementsFor(draft, decided.findings());
        Instant now = clock.instant();
        var review = ReviewCase.received(decided.postId(), draft.author() == null ? null : draft.author().id(),
                held.map(DecisionStore.HeldForReview::submittedBy).orElse(null), draft.category(), draft.publishAt(),
                requirements, now);
        String findings = String.join(", ", decided.findings().stream().map(f -> f.ruleId()).distinct().toList());
        boolean added = store.enqueue(c, queued, review,
                new HistoryEntry(now, "policy-service", SYSTEM, "QUEUED", "Needs review: " + findings, draft.publishAt(), Status.PENDING));
        LOG.debugf("review of %s %s", decided.postId(), added ? "queued" : "already queued");
    }

    /** A person's decision, under the review rules; a concurrent one waits for the row lock and then sees the result. */
    public Outcome decide(UUID postId, Judgement judgement) {
        Outcome outcome = database.inTransaction(c -> {
            Optional<Stored> locked = store.lock(c, postId);
            if (locked.isEmpty()) {
                return new Outcome.NotFound();
            }
            Stored before = locked.get();
            Instant now = clock.instant();
            Ruling ruling = ReviewRules.judge(before.review(), judgement, now);
            if (ruling instanceof Ruling.Refused refused) {
                return new Outcome.Refused(refused, before);
            }
            ReviewCase next = ((Ruling.Accepted) ruling).next();
            var by = judgement.by();
            store.update(c, before, next, new HistoryEntry(now, by.subject(), by.role(), judgement.verdict().name(),
                    judgement.reason(), judgement.newPublishAt(), next.status()));
            addInDraftTrace(c, postId, judgement.verdict().name(), eventsOf(before, next, judgement, now));
            return new Outcome.Done(before, false);
        });
        if (!(outcome instanceof Outcome.Done)) {
            return outcome;
        }
        metrics.reviewed(judgement.verdict().name());
        boolean sent = relay.flush();
        return new Outcome.Done(store.find(postId).orElseThrow(), sent);
    }

    /** Expires and escalates what is due, then sends its events. Safe to run anywhere, any number of times. */
    public void sweep() {
        Instant now = clock.instant();
        for (UUID id : store.due(now)) {
            Optional<String> done = database.inTransaction(c -> {
                Optional<Stored> locked = store.lock(c, id);
                return locked.isPresent() ? expireOrEscalate(c, locked.get(), now) : Optional.<String>empty();
            });
            done.ifPresent(metrics::reviewed);
        }
        relay.flush();
    }

    /** {@code EXPIRE} or {@code ESCALATE}, for what was done; empty when neither was due after all. */
    private Optional<String> expireOrEscalate(Connection c, Stored s, Instant now) throws SQLException {
        Optional<ReviewCase> expired = ReviewRules.expire(s.review(), now);
        if (expired.isPresent()) {
            String reason = "Its publishAt " + s.review().publishAt() + " passed while it waited for review; it will not be published late.";
            store.update(c, s, expired.get(), new HistoryEntry(now, SYSTEM, SYSTEM, "EXPIRE", reason, null, Status.EXPIRED));
            addInDraftTrace(c, UUID.fromString(s.review().postId()), "EXPIRE", List.of(outcome(s, ReviewOutcome.Outcome.EXPIRED, SYSTEM, reason, now)));
            return Optional.of("EXPIRE");
        }
        Optional<ReviewCase> escalated = ReviewRules.escalate(s.review(), now);
        if (escalated.isPresent()) {
            Duration limit = s.review().requirements().escalateAfter();
            String reason = "Waiting for review longer than " + readable(limit) + ", the policy's limit"
                    + (s.review().category() == null ? "" : " for category " + s.review().category()) + ".";
            store.update(c, s, escalated.get(), new HistoryEntry(now, SYSTEM, SYSTEM, "ESCALATE", reason, null, Status.PENDING));
            addInDraftTrace(c, UUID.fromString(s.review().postId()), "ESCALATE", List.of(outcome(s, ReviewOutcome.Outcome.ESCALATED, SYSTEM, reason, now)));
            return Optional.of("ESCALATE");
        }
        return Optional.empty();
    }

    /**
     * Adds a review step's events to the outbox in the trace the draft was queued in, so that a reviewed draft stays
     * one trace from its POST to its publication: the step is a span there, linked to the reviewer's request.
     */
    private void addInDraftTrace(Connection c, UUID postId, String action, List<? extends Event<?>> events)
            throws SQLException {
        Span span = tracer.spanBuilder("review " + action)
                .setParent(TraceParent.restore(store.traceParent(c, postId)))
                .addLink(Span.current().getSpanContext())
                .setAttribute("crier.post_id", postId.toString())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            outbox.add(c, events);
        } finally {
            span.end();
        }
    }

    /** The events of a person's decision: an approval or rejection carries the review; a partial approval has none. */
    private List<Event<?>> eventsOf(Stored before, ReviewCase next, Judgement j, Instant now) {
        PostDecided decided = before.decided();
        String postId = decided.postId();
        String discriminator = discriminator(before);
        return switch (next.status()) {
            case APPROVED -> {
                var review = new Review(j.by().subject(), j.by().role(), j.reason(), now,
                        next.approvals().stream().map(ReviewCase.Approval::reviewer).toList());
                PostDecided approved = signer.sign(decided.reviewed(Decision.APPROVED, review, now,
                        withPublishAt(decided.draft(), next.publishAt())));
                yield List.of(Event.of(EventType.POST_APPROVED, source, postId, discriminator, now, approved));
            }
            case REJECTED -> {
                var review = new Review(j.by().subject(), j.by().role(), j.reason(), now, List.of());
                // A rejected draft travels masked, as an automatic rejection does.
                Draft masked = Redaction.maskSensitive(decided.draft(),
                        Stream.concat(decided.findings().stream(), decided.shadowFindings().stream()).toList());
                yield List.of(Event.of(EventType.POST_REJECTED, source, postId, discriminator, now,
                        signer.sign(decided.reviewed(Decision.REJECTED, review, now, masked))));
            }
            case CHANGES_REQUESTED -> List.of(outcome(before, ReviewOutcome.Outcome.CHANGES_REQUESTED, j.by().subject(), j.reason(), now));
            case PENDING, EXPIRED -> List.of();
        };
    }

    private Event<ReviewOutcome> outcome(Stored s, ReviewOutcome.Outcome outcome, String actor, String reason, Instant now) {
        String postId = s.review().postId();
        return Event.of(EventType.outcomeOf(outcome), source, postId, discriminator(s), now,
                new ReviewOutcome(postId, outcome, actor, reason, now));
    }

    /** Each change has its own version, so its events get their own ids, the same ones on every retry. */
    private static String discriminator(Stored before) {
        return "review-v" + (before.version() + 1);
    }

    private static Draft withPublishAt(Draft d, Instant publishAt) {
        return new Draft(d.text(), d.language(), d.translations(), d.platforms(), d.media(), d.author(), d.category(),
                publishAt, d.repostOf(), d.externalId());
    }

    static String readable(Duration d) {
        return d.toMinutes() < 60 || d.toMinutesPart() != 0 ? d.toMinutes() + " min" : d.toHours() + " h";
    }
}
