package dev.crier.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.PublishOutcome;
import dev.crier.ingest.domain.DraftStatus;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Follows each draft through the pipeline: decisions and publish outcomes become its status. */
@ApplicationScoped
public class PipelineStatusConsumer {

    private static final Set<EventType<?>> FOLLOWED = Set.of(EventType.POST_DECIDED, EventType.POST_PUBLISHED,
            EventType.POST_PUBLISH_FAILED);

    private final IncomingEvents incoming;
    private final DraftStore store;
    private final ObjectMapper json;

    public PipelineStatusConsumer(IncomingEvents incoming, DraftStore store, ObjectMapper json) {
        this.incoming = incoming;
        this.store = store;
        this.json = json;
    }

    @Incoming("pipeline-status")
    @Blocking
    public CompletionStage<Void> onEvent(Message<String> message) {
        return incoming.handle(message, FOLLOWED, this::apply);
    }

    private void apply(Event<?> event) {
        UUID postId = UUID.fromString(event.postId());
        if (event.data() instanceof PostDecided decided) {
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("decision", decided.decision());
            decision.put("riskScore", decided.riskScore());
            decision.put("reasons", decided.findings());
            decision.put("policy", decided.policy());
            decision.put("decidedAt", decided.decidedAt());
            store.applyStatus(event.id(), postId, DraftStatus.of(decided.decision()), write(decision), null);
        } else if (event.data() instanceof PublishOutcome outcome) {
            store.applyStatus(event.id(), postId, DraftStatus.of(outcome.status()), null, write(outcome.results()));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
