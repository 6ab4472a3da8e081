package dev.crier.platform.messaging;

import dev.crier.events.DeadLetterHandled;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends a dead-lettered record back to its topic when ops replay it from the dead-letter desk: only the topic's
 * owner may write the topic, so each service replays the records of the topics it owns
 * ({@code crier.dead-letters.replay-topics}) and ignores the rest. The record goes back as it was (key, value,
 * CloudEvents headers), without the dead-letter headers and marked as a replay: {@value #REPLAY_OF} names where it
 * was dead-lettered, {@value #REPLAY_EVENT} the replay's event. Its consumers apply a valid event once by its id, so
 * a replay changes nothing where the event had been applied, and a crash that sends it twice changes nothing either.
 * A service's {@link ReplayCheck} may refuse a record it never wrote.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    public static final String REPLAY_OF = "crier-replay-of";
    public static final String REPLAY_EVENT = "crier-replay-event";
    private static final Logger LOG = Logger.getLogger(DeadLetterReplayer.class);

    private final IncomingEvents incoming;
    private final DeadLetterRecords records;
    private final EventSender sender;
    private final List<String> replayTopics;
    private final Instance<ReplayCheck> checks;

    public DeadLetterReplayer(IncomingEvents incoming, DeadLetterRecords records, EventSender sender,
                              DeadLetterSettings settings, Instance<ReplayCheck> checks) {
        this.incoming = incoming;
        this.records = records;
        this.sender = sender;
        this.replayTopics = settings.replayTopics().orElse(List.of());
        this.checks = checks;
    }

    @Incoming("dead-letter-replays")
    @Blocking
    public CompletionStage<Void> onHandled(Message<String> message) {
        return incoming.handle(message, EventType.DEAD_LETTER_HANDLED, this::replay);
    }

    void replay(Event<DeadLetterHandled> event) {
        DeadLetterHandled handled = event.data();
        if (handled.action() != DeadLetterHandled.Action.REPLAY || !replayTopics.contains(handled.topic())) {
            return;
        }
        var found = records.read(handled.deadLetterTopic(), handled.partition(), handled.offset());
        if (found.isEmpty()) {
            // Retention removed it after the desk accepted the replay: nothing is left to send.
            LOG.warnf("replay %s: %s holds no record at %d/%d any more", event.id(), handled.deadLetterTopic(),
                    handled.partition(), handled.offset());
            return;
        }
        DeadLetterRecords.DeadLetter record = found.get();
        for (ReplayCheck check : checks) {
            var refusal = check.refusal(record);
            if (refusal.isPresent()) {
                LOG.warnf("replay %s of %s refused: %s", event.id(), handled.place(), refusal.get());
                return;
            }
        }
        Headers headers = new RecordHeaders();
        record.headers().forEach((name, value) -> {
            if (!name.startsWith(DeadLetterRecords.HEADER_PREFIX) && !name.startsWith("crier-replay-")) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        headers.add(REPLAY_OF, handled.place().getBytes(StandardCharsets.UTF_8));
        headers.add(REPLAY_EVENT, event.id().getBytes(StandardCharsets.UTF_8));
        sender.sendMessages(List.of(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(handled.topic())
                .withKey(record.key())
                .withHeaders(headers)
                .build())));
        LOG.infof("replayed %s to %s (asked by %s)", handled.place(), handled.topic(), handled.handledBy());
    }
}
