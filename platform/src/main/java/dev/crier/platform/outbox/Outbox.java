package dev.crier.platform.outbox;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.platform.tracing.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Function;

/**
 * The one way a Crier service saves a change and then sends its events: {@link #add} writes the events to the
 * service's {@code outbox} table inside the transaction of the change, so both commit or neither does; the
 * {@link OutboxRelay} then sends them and deletes them once Kafka acknowledged them. An event whose id is already
 * waiting is not added twice.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;

    public Outbox(EventCodec codec) {
        this.codec = codec;
    }

    /** Adds the events, in this order, to the transaction of {@code c}; they are sent on in the current trace. */
    public void add(Connection c, List<? extends Event<?>> events) throws SQLException {
        String current = TraceParent.current();
        add(c, events, event -> current);
    }

    /**
     * Adds the events, in this order, each to be sent on in the trace {@code traceParentOf} names for it (a saved
     * {@link TraceParent}, or null for none): for work done for several posts at once, each in its own trace.
     */
    public void add(Connection c, List<? extends Event<?>> events, Function<Event<?>, String> traceParentOf)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox (event_id, ce_type, source, subject, event_time, payload, trace_parent)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
            for (Event<?> event : events) {
                ps.setString(1, event.id());
                ps.setString(2, event.type().ceType());
                ps.setString(3, event.source());
                ps.setString(4, event.postId());
                ps.setTimestamp(5, Timestamp.from(event.time()));
                ps.setString(6, encode(event));
                ps.setString(7, traceParentOf.apply(event));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void add(Connection c, Event<?> event) throws SQLException {
        add(c, List.of(event));
    }

    /** Whether an event about this subject (a post id) is still waiting to be sent. */
    public boolean waiting(Connection c, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE subject = ? LIMIT 1")) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Events waiting to be sent, and events Kafka refused for good ({@link OutboxRelay}). */
    public record Counts(long waiting, long refused) {
    }

    public static Counts counts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox_refused)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2));
        }
    }

    private <T> String encode(Event<T> event) {
        return codec.encode(event.type(), event.data());
    }
}
