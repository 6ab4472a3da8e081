package dev.crier.ingest.messaging;

import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.ingest.store.DraftRow;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.messaging.DeadLetterRecords.DeadLetter;
import dev.crier.platform.messaging.ReplayCheck;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * ingest is the door: it sends back a dead-lettered draft only if it accepted that draft, with the event id it
 * gave it and from the same submitter. Anyone who may write drafts.submitted.dlq (its consumers) could otherwise
 * slip in a draft that never came through the door, under any submitter's name, by asking ops to replay it.
 */
@ApplicationScoped
public class SubmittedDraftReplayCheck implements ReplayCheck {

    private final DraftStore drafts;
    private final EventCodec codec;

    public SubmittedDraftReplayCheck(DraftStore drafts, EventCodec codec) {
        this.drafts = drafts;
        this.codec = codec;
    }

    @Override
    public Optional<String> refusal(DeadLetter record) {
        UUID postId;
        try {
            postId = UUID.fromString(String.valueOf(record.key()));
        } catch (IllegalArgumentException e) {
            return Optional.of("its key is not a post id");
        }
        Optional<DraftRow> accepted = drafts.findAccepted(postId);
        if (accepted.isEmpty()) {
            return Optional.of("ingest never accepted post " + postId);
        }
        String issued = Event.idOf(EventType.DRAFT_SUBMITTED, postId.toString(), null);
        if (!record.header(CloudEventHeaders.ID).map(issued::equals).orElse(false)) {
            return Optional.of("its ce_id is not the one ingest gave post " + postId);
        }
        try {
            DraftSubmitted submitted = codec.decode(EventType.DRAFT_SUBMITTED, record.value());
            if (!submitted.submittedBy().equals(accepted.get().caller())) {
                return Optional.of("its submitter is not the one who submitted post " + postId);
            }
        } catch (InvalidEventException | IllegalArgumentException e) {
            // Not a valid draft event: replaying it only dead-letters it again, and lets nothing in.
            return Optional.empty();
        }
        return Optional.empty();
    }
}
