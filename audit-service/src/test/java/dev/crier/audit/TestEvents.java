package dev.crier.audit;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.events.signing.DecisionSigner;

import dev.crier.audit.domain.ReceivedEvent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Valid events about one post, as the pipeline's services would send them. */
public final class TestEvents {

    public static final String SOURCE = "/test";
    /** Whole seconds, so that it reads back from the database exactly as sent. */
    public static final Instant TIME = Instant.parse("2030-01-01T09:00:00Z");

    private TestEvents() {
    }

    /** An event about a new post, as the ledger receives it; no two have the same bytes. */
    /**
     * A unique name made of letters only (a UUID's hex digits, 0-9 spelt g-p): a UUID's digit groups now and then
     * read as a phone or card number, which audit masks, and a masked author or department matches no filter.
     */
    public static String uniqueName(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (char ch : java.util.UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            b.append(Character.isDigit(ch) ? (char) ('g' + ch - '0') : ch);
        }
        return b.toString();
    }

    public static ReceivedEvent received() {
        UUID post = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        return new ReceivedEvent(id, "dev.crier.draft.submitted", "drafts.submitted", post.toString(), post, SOURCE,
                Instant.now(), ("{\"postId\":\"" + post + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public static Event<DraftSubmitted> submitted(String postId, String text) {
        return Event.of(EventType.DRAFT_SUBMITTED, SOURCE, postId, null, TIME,
                new DraftSubmitted(postId, draft(text), "local-submitter", null, TIME));
    }

    public static Event<DraftSubmitted> submitted(String postId) {
        return submitted(postId, "Hello");
    }

    /** A decision by the policy whose hash is {@code policyHash} (64 lowercase hex characters). */
    /** A signer that names {@code keyId} but holds a key of its own: a forger who knows which key is trusted. */
    public static DecisionSigner forger(String keyId) throws GeneralSecurityException {
        return new DecisionSigner(keyId, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    }

    /** The same event carrying {@code data} (the decision signed, say). */
    public static Event<PostDecided> carrying(Event<PostDecided> e, PostDecided data) {
        return new Event<>(e.id(), e.type(), e.source(), e.postId(), e.time(), data);
    }

    public static Event<PostDecided> decided(String postId, String policyHash) {
        var decided = new PostDecided(postId, Decision.APPROVED, 0, List.of(),
                new PolicyRef("canada-federal", "1", policyHash), TIME, draft("Hello"));
        return Event.of(EventType.POST_DECIDED, SOURCE, postId, policyHash, TIME, decided);
    }

    public static Event<PublishOutcome> published(String postId) {
        var outcome = new PublishOutcome(postId, PublishOutcome.Status.PUBLISHED,
                List.of(new PublishOutcome.PlatformResult("sandbox", null, PublishOutcome.State.PUBLISHED, "s-1", "http://sandbox/s-1", null)), TIME);
        return Event.of(EventType.POST_PUBLISHED, SOURCE, postId, null, TIME, outcome);
    }

    private static Draft draft(String text) {
        return new Draft(text, "en", null, List.of("sandbox"), null, new Draft.Author("u-1", null, null),
                null, null, null, null);
    }
}
