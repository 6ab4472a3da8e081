package dev.crier.platform.outbox;

import dev.crier.events.EventType;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.events.messaging.KafkaEvents;
import dev.crier.platform.messaging.EventSender;
import dev.crier.platform.messaging.EventSender.EventNotSentException;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.StoreUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what the {@link Outbox} holds, oldest first, in batches: each batch is sent without waiting event by event,
 * and deleted in the same transaction once Kafka acknowledged all of it. A crash between the send and the delete
 * sends the batch again under the same event ids, which every consumer drops.
 *
 * <p>One relay at a time per database, even with several instances of a service (a transaction-scoped advisory
 * lock): two relays sending at once could put two events of one post on Kafka in the wrong order.
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
                SELECT seq, event_id, ce_type, source, subject, event_time, payload FROM outbox ORDER BY seq LIMIT ?""")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                    String ceType = rs.getString(3);
                    EventType<?> type = EventType.ofCeType(ceType).orElseThrow(() -> new IllegalStateException(
                            "the outbox holds an event of unknown type " + ceType + " (written by a newer version?)"));
                    records.add(kafkaEvents.toMessage(new CloudEventHeaders.Attributes(rs.getString(2), type,
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()), rs.getString(7)));
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        transport.send(records);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE seq = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
        return records.size();
    }
}
