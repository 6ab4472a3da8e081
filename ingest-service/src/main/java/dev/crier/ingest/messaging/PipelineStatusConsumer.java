package dev.crier.ingest.messaging;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.PostRetracted;
import dev.crier.events.PublishOutcome;
import dev.crier.events.ReviewOutcome;
import dev.crier.ingest.domain.StatusReport;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Follows each draft through the pipeline: decisions, reviews, publish outcomes and retractions become its status. */
@ApplicationScoped
public class PipelineStatusConsumer {

    private static final Set<EventType<?>> FOLLOWED = Set.of(EventType.POST_DECIDED, EventType.POST_APPROVED,
            EventType.POST_REJECTED, EventType.POST_CHANGES_REQUESTED, EventType.POST_EXPIRED,
            EventType.REVIEW_ESCALATED, EventType.POST_PUBLISHED, EventType.POST_PUBLISH_FAILED,
            EventType.POST_RETRACTED);

    private final IncomingEvents incoming;
    private final DraftStore store;

    public PipelineStatusConsumer(IncomingEvents incoming, DraftStore store) {
        this.incoming = incoming;
        this.store = store;
    }

    /** A poll's events in one transaction, in the order of each partition: a post's events keep their order. */
    @Incoming("pipeline-status")
    @Blocking
    public CompletionStage<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        return incoming.handleBatch(batch, FOLLOWED, this::apply);
    }

    private IncomingEvents.Applied apply(Connection c, Event<?> event) throws SQLException {
        StatusReport report = reportOf(event);
        if (report != null) {
            store.applyStatus(c, UUID.fromString(event.postId()), report);
        }
        return IncomingEvents.Applied.DONE;
    }

    private static StatusReport reportOf(Event<?> event) {
        if (event.data() instanceof PostDecided decided) {
            if (event.type() == EventType.POST_DECIDED) {
                return StatusReport.decided(decided);
            }
            // posts.approved and posts.rejected repeat posts.decided for automatic decisions: only a person's is news.
            return decided.review() == null ? null : StatusReport.reviewed(decided);
        }
        if (event.data() instanceof ReviewOutcome outcome) {
            return StatusReport.reviewed(outcome);
        }
        if (event.data() instanceof PublishOutcome outcome) {
            return StatusReport.published(outcome);
        }
        if (event.data() instanceof PostRetracted retracted) {
            return StatusReport.retracted(retracted);
        }
        return null;
    }
}
