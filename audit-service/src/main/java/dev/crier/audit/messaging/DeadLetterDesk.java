package dev.crier.audit.messaging;

import dev.crier.audit.domain.privacy.Masker;
import dev.crier.audit.domain.privacy.PayloadMasker;
import dev.crier.audit.store.DeadLetterActions;
import dev.crier.events.DeadLetterHandled;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.messaging.DeadLetterRecords;
import dev.crier.platform.messaging.DeadLetterRecords.DeadLetter;
import dev.crier.platform.messaging.DeadLetterRecords.Extent;
import dev.crier.platform.messaging.DeadLetterReplayer;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dead-letter desk: ops see what each dead-letter topic holds, look at one record, and replay it to its topic
 * or discard it with a reason. An action is stored once per record (the first stands) with its event in the same
 * transaction (the outbox); the event goes on dead-letters.handled, where the topic's owner replays the record and
 * the audit's ledger records the action like every other event. What the desk shows and sends is masked: a record
 * of drafts.submitted holds the draft as written.
 */
@ApplicationScoped
public class DeadLetterDesk {

    /** The newest records listed per partition. */
    public static final int NEWEST = 100;
    public static final int MAX_REASON = 2000;
    private static final String SOURCE = "/audit-service/dead-letter-desk";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Headers that hold identifiers, names and times only: shown as they are. */
    private static final Set<String> PLAIN_HEADERS = Set.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID,
            CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE,
            "dead-letter-topic", "dead-letter-partition", "dead-letter-offset", "dead-letter-exception-class-name",
            "dead-letter-cause-class-name", DeadLetterReplayer.REPLAY_OF, DeadLetterReplayer.REPLAY_EVENT);

    /** What was done with a record: replayed or discarded, by whom, when, why. */
    public record Handling(DeadLetterHandled.Action action, String reason, String by, Instant at, String eventId) {
        static Handling of(DeadLetterActions.Action a) {
            return new Handling(a.action(), a.reason(), a.handledBy(), a.handledAt(), a.eventId());
        }

        /** The action as a page says it: replayed or discarded. */
        public String done() {
            return action == DeadLetterHandled.Action.REPLAY ? "replayed" : "discarded";
        }
    }

    /** A dead-letter topic: the records it holds now, and those nobody has replayed or discarded yet. */
    public record TopicSummary(String topic, String deadLetterTopic, long records, long pending) {
    }

    /**
     * One dead-lettered record, masked. {@code value} and {@code headers} are given when one record is asked for.
     *
     * @param replayOf where this record was dead-lettered before, when it came back from a replay and failed again
     */
    public record Entry(String deadLetterTopic, int partition, long offset, Instant deadLetteredAt, String topic,
                        String key, String reason, String eventType, String eventId, String replayOf, Handling handled,
                        String value, Map<String, String> headers) {
    }

    private final DeadLetterRecords records;
    private final DeadLetterActions actions;
    private final Database database;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public DeadLetterDesk(DeadLetterRecords records, DeadLetterActions actions, Database database, Outbox outbox,
                          OutboxRelay relay, Clock clock) {
        this.records = records;
        this.actions = actions;
        this.database = database;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /** Every event topic's dead-letter topic, with its counts. */
    public List<TopicSummary> topics() {
        List<String> deadLetterTopics = Topics.events().stream().map(Topics::deadLetter).toList();
        Map<String, List<Extent>> extents = records.extents(deadLetterTopics);
        Map<DeadLetterActions.Place, DeadLetterActions.Action> done =
                database.inTransaction(c -> actions.on(c, deadLetterTopics));
        return Topics.events().stream().map(topic -> {
            String dlq = Topics.deadLetter(topic);
            List<Extent> parts = extents.getOrDefault(dlq, List.of());
            long held = parts.stream().mapToLong(Extent::count).sum();
            long handled = done.keySet().stream().filter(p -> p.deadLetterTopic().equals(dlq))
                    .filter(p -> parts.stream().anyMatch(e -> e.partition() == p.partition()
                            && p.offset() >= e.first() && p.offset() < e.end()))
                    .count();
            return new TopicSummary(topic, dlq, held, held - handled);
        }).toList();
    }

    /** The newest records of a topic's dead-letter topic, newest first. */
    public List<Entry> newest(String topic) {
        String dlq = deadLetterTopicOf(topic);
        List<DeadLetter> found = records.newest(dlq, NEWEST);
        Map<DeadLetterActions.Place, DeadLetterActions.Action> done = database.inTransaction(c -> actions.on(c, List.of(dlq)));
        return found.stream().map(r -> entry(r, Optional.ofNullable(done.get(place(r))).map(Handling::of), false))
                .toList();
    }

    public Entry one(String topic, int partition, long offset) {
        DeadLetter record = find(topic, partition, offset);
        Optional<DeadLetterActions.Action> done = database.inTransaction(c -> actions.of(c, place(record)));
        return entry(record, done.map(Handling::of), true);
    }

    /**
     * Replays or discards the record, once: the event is in the outbox when this returns, and sent by then unless the
     * broker is away (the relay sends it when it is back).
     *
     * @throws ProblemException 404 when there is no such record, 409 when it was handled already, 400 when a
     *                          discard gives no reason or a reason is too long
     */
    public Handling handle(String topic, int partition, long offset, DeadLetterHandled.Action action, String reason,
                           String by) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (action == DeadLetterHandled.Action.DISCARD && why == null) {
            throw ProblemException.invalid("Say why the record is discarded.",
                    List.of(new Problem.FieldError("reason", "is required to discard a record")));
        }
        if (why != null && why.length() > MAX_REASON) {
            throw ProblemException.invalid("The reason is too long.",
                    List.of(new Problem.FieldError("reason", "must be at most " + MAX_REASON + " characters")));
        }
        DeadLetter record = find(topic, partition, offset);
        DeadLetterHandled handled = new DeadLetterHandled(action, record.deadLetterTopic(), partition, offset,
                record.topic(), masked(record.key()), record.header(CloudEventHeaders.ID).orElse(null),
                why == null ? null : Masker.mask(why), by, clock.instant());
        Event<DeadLetterHandled> event = Event.of(EventType.DEAD_LETTER_HANDLED, SOURCE, subjectOf(record),
                handled.place(), handled.handledAt(), handled);
        Optional<DeadLetterActions.Action> earlier = database.inTransaction(c -> {
            if (!actions.add(c, handled, event.id())) {
                return actions.of(c, place(record));
            }
            outbox.add(c, event);
            return Optional.empty();
        });
        if (earlier.isPresent()) {
            DeadLetterActions.Action first = earlier.get();
            throw ProblemException.of(409, "dead-letter-handled", "Already handled",
                    "This record was " + (first.action() == DeadLetterHandled.Action.REPLAY ? "replayed" : "discarded")
                            + " by " + first.handledBy() + " at " + first.handledAt() + ".");
        }
        relay.flush();
        return new Handling(action, handled.reason(), by, handled.handledAt(), event.id());
    }

    /** Records nobody has replayed or discarded yet, by dead-letter topic: for the metrics. */
    public Map<String, Long> pending() {
        Map<String, Long> pending = new LinkedHashMap<>();
        topics().forEach(t -> pending.put(t.deadLetterTopic(), t.pending()));
        return pending;
    }

    private DeadLetter find(String topic, int partition, long offset) {
        String dlq = deadLetterTopicOf(topic);
        return records.read(dlq, partition, offset).orElseThrow(() -> ProblemException.notFound(
                dlq + " holds no record at partition " + partition + ", offset " + offset + "."));
    }

    private static String deadLetterTopicOf(String topic) {
        if (!Topics.events().contains(topic)) {
            throw ProblemException.notFound("No topic " + topic + ": the topics are " + Topics.events() + ".");
        }
        return Topics.deadLetter(topic);
    }

    private static DeadLetterActions.Place place(DeadLetter r) {
        return new DeadLetterActions.Place(r.deadLetterTopic(), r.partition(), r.offset());
    }

    /** The action's subject: the post it concerns, so that it shows in the post's timeline; else its place. */
    private static String subjectOf(DeadLetter r) {
        return r.key() != null && UUID.matcher(r.key()).matches() ? r.key()
                : r.deadLetterTopic() + "/" + r.partition() + "/" + r.offset();
    }

    private static Entry entry(DeadLetter r, Optional<Handling> handled, boolean whole) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (whole) {
            r.headers().forEach((name, value) -> headers.put(name, PLAIN_HEADERS.contains(name) ? value : masked(value)));
        }
        String value = whole && r.value() != null
                ? new String(PayloadMasker.mask(r.value().getBytes(StandardCharsets.UTF_8)).bytes(), StandardCharsets.UTF_8)
                : null;
        return new Entry(r.deadLetterTopic(), r.partition(), r.offset(), r.time(), r.topic(), masked(r.key()),
                masked(r.reason()), r.header(CloudEventHeaders.TYPE).orElse(null),
                r.header(CloudEventHeaders.ID).orElse(null), r.header(DeadLetterReplayer.REPLAY_OF).orElse(null),
                handled.orElse(null), value, whole ? headers : null);
    }

    /** Text shown or sent: identifiers as they are (masking digits would break them), anything else masked. */
    private static String masked(String text) {
        if (text == null || UUID.matcher(text).matches()) {
            return text;
        }
        return Masker.mask(text);
    }
}
