package dev.crier.platform.outbox;

import dev.crier.events.EventType;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.events.messaging.KafkaEvents;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.messaging.EventSender.EventNotSentException;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.platform.tracing.TraceParent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what the {@link Outbox} holds, oldest first, in batches: each batch is sent without waiting event by event,
 * and deleted in the same transaction once Kafka acknowledged all of it. A crash between the send and the delete
 * sends the batch again under the same event ids, which every consumer drops.
 *
 * <p>One relay at a time per database, even with several instances of a service (a transaction-scoped advisory
 * lock): two relays sending at once could put two events of one post on Kafka in the wrong order.
 *
 * <p>An event Kafka refuses for good (larger than the broker takes, say) would stay first in the outbox and hold
 * back every event after it. When a batch fails for such a reason, its events are sent one by one: each one refused
 * for good moves to {@code outbox_refused} with the reason, kept for ops, and the others go on. Any other failure
 * (the broker away) keeps the whole batch for the next try, under the same ids.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock's key: any constant, the same in every instance ("crier" in ASCII). */
    private static final long LOCK = 0x6372696572L;

    /** Puts records on Kafka and returns once all are acknowledged, or throws {@link EventNotSentException}. */
    @FunctionalInterface
    public interface Transport {
        void send(List<Message<String>> records);
    }

    private final Database database;
    private final Transport transport;
    private final KafkaEvents kafkaEvents;
    private final int batchSize;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    @Inject
    public OutboxRelay(Database database, EventSender sender, KafkaEvents kafkaEvents, OutboxSettings settings) {
        this(database, sender::sendMessages, kafkaEvents, settings.batchSize());
    }

    OutboxRelay(Database database, Transport transport, KafkaEvents kafkaEvents, int batchSize) {
        this.database = database;
        this.transport = transport;
        this.kafkaEvents = kafkaEvents;
        this.batchSize = batchSize;
    }

    /**
     * Sends everything committed to the outbox before this call. True when it is all acknowledged; false when the
     * broker or the database was away: the events stay and the next flush sends them.
     */
    public boolean flush() {
        oneAtATime.lock();
        try {
            while (database.inTransaction(this::sendOneBatch) == batchSize) {
                // a full batch: there may be more
            }
            return true;
        } catch (EventNotSentException | StoreUnavailableException e) {
            LOG.warnf("the outbox keeps its events until the next try: %s", e.getMessage());
            return false;
        } finally {
            oneAtATime.unlock();
        }
    }

    @Scheduled(every = "${crier.outbox.relay-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayLeftovers() {
        flush();
    }

    private int sendOneBatch(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
        List<Long> seqs = new ArrayList<>();
        List<Message<String>> records = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, event_id, ce_type, source, subject, event_time, payload, trace_parent FROM outbox ORDER BY seq LIMIT ?""")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                    String ceType = rs.getString(3);
                    EventType<?> type = EventType.ofCeType(ceType).orElseThrow(() -> new IllegalStateException(
                            "the outbox holds an event of unknown type " + ceType + " (written by a newer version?)"));
                    // The Kafka connector sends the record in a span of this trace and writes its traceparent header.
                    records.add(kafkaEvents.toMessage(new CloudEventHeaders.Attributes(rs.getString(2), type,
                                    rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()), rs.getString(7))
                            .addMetadata(TracingMetadata.withCurrent(TraceParent.restore(rs.getString(8)))));
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        try {
            transport.send(records);
        } catch (EventNotSentException e) {
            if (refusedForGood(e).isEmpty()) {
                throw e;
            }
            sendOneByOne(c, seqs, records);
            return records.size();
        }
        delete(c, seqs);
        return records.size();
    }

    private void sendOneByOne(Connection c, List<Long> seqs, List<Message<String>> records) throws SQLException {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                transport.send(List.of(records.get(i)));
                sent.add(seqs.get(i));
            } catch (EventNotSentException e) {
                var reason = refusedForGood(e);
                if (reason.isEmpty()) {
                    // The transaction rolls back: the whole batch waits, and what went out goes again, as after a crash.
                    throw e;
                }
                LOG.errorf("Kafka refused outbox event %d for good (%s): kept in outbox_refused", seqs.get(i),
                        reason.get());
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO outbox_refused (seq, event_id, ce_type, source, subject, event_time, payload,
                            created_at, reason)
                        SELECT seq, event_id, ce_type, source, subject, event_time, payload, created_at, ?
                        FROM outbox WHERE seq = ? ON CONFLICT (seq) DO NOTHING""")) {
                    ps.setString(1, reason.get());
                    ps.setLong(2, seqs.get(i));
                    ps.executeUpdate();
                }
                sent.add(seqs.get(i));
            }
        }
        delete(c, sent);
    }

    /** The reason, when the failure is one that sending again cannot mend. */
    static Optional<String> refusedForGood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException || t instanceof SerializationException) {
                return Optional.of(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return Optional.empty();
    }

    private static void delete(Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
    }
}
