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
import dev.crier.ingest.messaging.SharedFlush;
import dev.crier.ingest.store.DraftRow;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.GroupCommit;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a valid draft in: remembers it (and its idempotency key) and its drafts.submitted event in one transaction
 * (the outbox), has the outbox relay put the event on Kafka, and answers only then. If Kafka did not take it, the
 * event is taken back out of the outbox (unless the relay did send it after all), so a draft refused with a 503 is
 * never published behind the client's back; a retry with the same key sends it again under the same post id and
 * event id, so consumers see it once. Submissions that arrive together share one transaction ({@link GroupCommit}):
 * under load one commit, rather than one each, makes a few dozen drafts safe.
 */
@ApplicationScoped
public class DraftIntake {

    private static final ObjectMapper CANONICAL = EventCodec.mapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Database database;
    private final DraftStore store;
    private final Outbox outbox;
    private final SharedFlush flush;
    private final String source;
    private final Clock clock;
    /** Each submission's outcome: committed, or empty for a key used with a different draft (nothing written). */
    private final GroupCommit<Intake, Optional<Committed>> commits = new GroupCommit<>(this::writeAll);

    public DraftIntake(Database database, DraftStore store, Outbox outbox, SharedFlush flush,
                       @ConfigProperty(name = "crier.events.source") String source, Clock clock) {
        this.database = database;
        this.store = store;
        this.outbox = outbox;
        this.flush = flush;
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

    /** What the submission's transaction left to do: wait for the event to reach Kafka, unless it already had. */
    private record Committed(UUID postId, boolean fresh, boolean onKafka) {
    }

    /**
     * One submission, to be written with the others that arrive with it, and the trace of its request: the
     * transaction may run on another request's thread, and each draft's event must go on in its own trace.
     */
    private record Intake(Submitter submitter, String idempotencyKey, String hash, Draft draft, Context trace) {
    }

    /**
     * @throws KeyReusedException when the caller's key was used for a different draft
     * @throws EventSender.EventNotSentException when Kafka did not acknowledge: the draft is not accepted
     */
    public Submission submit(Submitter submitter, String idempotencyKey, Draft draft) {
        Committed committed = commits.write(new Intake(submitter, idempotencyKey, hash(draft), draft, Context.current()))
                .orElseThrow(KeyReusedException::new);
        if (committed.onKafka()) {
            return new Submission(committed.postId(), true);
        }
        boolean sent = flush.flush();
        if (!sent || !committed.fresh()) {
            // Settled under the relay's lock: sent after all, or taken back. A repeat always asks, as another
            // request with the same key shares its post id and may have taken the event back since this commit.
            sent = store.takeBack(committed.postId(), Event.idOf(EventType.DRAFT_SUBMITTED,
                    committed.postId().toString(), null));
        }
        if (!sent) {
            throw new EventSender.EventNotSentException("Kafka did not acknowledge the draft " + committed.postId()
                    + "; it was taken back", null);
        }
        return new Submission(committed.postId(), false);
    }

    private List<Optional<Committed>> writeAll(List<Intake> intakes) {
        return database.inTransaction(c -> {
            List<Optional<Committed>> written = new ArrayList<>(intakes.size());
            for (Intake intake : intakes) {
                try (Scope ignored = intake.trace().makeCurrent()) {
                    written.add(write(c, intake));
                }
            }
            return written;
        });
    }

    private Optional<Committed> write(Connection c, Intake in) throws SQLException {
        UUID postId = UUID.randomUUID();
        if (store.insertAccepted(c, postId, in.submitter(), in.idempotencyKey(), in.hash(), in.draft().externalId())) {
            add(c, postId, in.submitter(), in.draft());
            return Optional.of(new Committed(postId, true, false));
        }
        DraftRow earlier = store.findByKey(c, in.submitter().subject(), in.idempotencyKey()).orElseThrow(IllegalStateException::new);
        if (!earlier.requestHash().equals(in.hash())) {
            return Optional.empty();
        }
        if (!earlier.accepted()) {
            // Taken back after a failed send: accepted again, and its event (same id) back in the outbox.
            store.markAccepted(c, earlier.id());
            add(c, earlier.id(), in.submitter(), in.draft());
            return Optional.of(new Committed(earlier.id(), false, false));
        }
        return Optional.of(new Committed(earlier.id(), false, !store.unsent(c, earlier.id())));
    }

    /** Adds the draft's event to the outbox; its id depends on the post alone, so a repeat has the same one. */
    private void add(Connection c, UUID postId, Submitter submitter, Draft draft) throws SQLException {
        var submitted = new DraftSubmitted(postId.toString(), draft, submitter.subject(), submitter.clientId(), clock.instant());
        outbox.add(c, Event.of(EventType.DRAFT_SUBMITTED, source, postId.toString(), null, submitted.submittedAt(), submitted));
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
