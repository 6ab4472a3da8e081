package dev.crier.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.ingest.domain.Submitter;
import dev.crier.ingest.store.DraftRow;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.messaging.EventSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a valid draft in: remembers it (and its idempotency key) first, puts its event on Kafka, and only then
 * calls it accepted. A draft whose send failed stays unaccepted, and a retry with the same key sends it again
 * under the same post id and event id, so consumers see it once.
 */
@ApplicationScoped
public class DraftIntake {

    private static final ObjectMapper CANONICAL = EventCodec.mapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final DraftStore store;
    private final EventSender sender;
    private final String source;
    private final Clock clock;

    public DraftIntake(DraftStore store, EventSender sender,
                       @ConfigProperty(name = "crier.events.source") String source, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.source = source;
        this.clock = clock;
    }

    /** What became of a submission: the post id, and whether it repeated an earlier one with the same key. */
    public record Submission(UUID postId, boolean replayed) {
    }

    /** The same idempotency key came with a different draft. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException() {
            super("idempotency key reused with a different body");
        }
    }

    /**
     * @throws KeyReusedException when the caller's key was used for a different draft
     * @throws EventSender.EventNotSentException when Kafka did not acknowledge: the draft is not accepted
     */
    public Submission submit(Submitter submitter, String idempotencyKey, Draft draft) {
        String hash = hash(draft);
        UUID postId = UUID.randomUUID();
        if (idempotencyKey != null && !store.insertPending(postId, submitter, idempotencyKey, hash, draft.externalId())) {
            DraftRow earlier = store.findByKey(submitter.subject(), idempotencyKey).orElseThrow(IllegalStateException::new);
            if (!earlier.requestHash().equals(hash)) {
                throw new KeyReusedException();
            }
            if (earlier.accepted()) {
                return new Submission(earlier.id(), true);
            }
            postId = earlier.id();
        } else if (idempotencyKey == null) {
            store.insertPending(postId, submitter, null, hash, draft.externalId());
        }
        var submitted = new DraftSubmitted(postId.toString(), draft, submitter.subject(), submitter.clientId(), clock.instant());
        sender.send(Event.of(EventType.DRAFT_SUBMITTED, source, postId.toString(), null, submitted.submittedAt(), submitted));
        store.markAccepted(postId);
        return new Submission(postId, false);
    }

    public Optional<DraftRow> find(UUID postId) {
        return store.findAccepted(postId);
    }

    static String hash(Draft draft) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(draft).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
