package dev.crier.audit.store;

import dev.crier.events.DeadLetterHandled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead-letter desk's record of what was done with each dead-lettered record: appended once, never changed. */
@ApplicationScoped
public class DeadLetterActions {

    /** A record's place in its dead-letter topic. */
    public record Place(String deadLetterTopic, int partition, long offset) {
    }

    /** What was done with one. */
    public record Action(DeadLetterHandled.Action action, String reason, String handledBy, Instant handledAt,
                         String eventId) {
    }

    /** Records the action; false when the record was handled already (the first action stands). */
    public boolean add(Connection c, DeadLetterHandled handled, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letter_actions (dead_letter_topic, dlq_partition, dlq_offset, action, reason,
                    handled_by, handled_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, handled.deadLetterTopic());
            ps.setInt(2, handled.partition());
            ps.setLong(3, handled.offset());
            ps.setString(4, handled.action().name());
            ps.setString(5, handled.reason());
            ps.setString(6, handled.handledBy());
            ps.setTimestamp(7, Timestamp.from(handled.handledAt()));
            ps.setString(8, eventId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Action> of(Connection c, Place place) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT action, reason, handled_by, handled_at, event_id FROM dead_letter_actions
                WHERE dead_letter_topic = ? AND dlq_partition = ? AND dlq_offset = ?""")) {
            ps.setString(1, place.deadLetterTopic());
            ps.setInt(2, place.partition());
            ps.setLong(3, place.offset());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(action(rs)) : Optional.empty();
            }
        }
    }

    /** The actions on these dead-letter topics' records, by place. */
    public Map<Place, Action> on(Connection c, List<String> deadLetterTopics) throws SQLException {
        Map<Place, Action> actions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT dead_letter_topic, dlq_partition, dlq_offset, action, reason, handled_by, handled_at, event_id
                FROM dead_letter_actions WHERE dead_letter_topic = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", deadLetterTopics.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.put(new Place(rs.getString(1), rs.getInt(2), rs.getLong(3)), action(rs, 4));
                }
            }
        }
        return actions;
    }

    private static Action action(ResultSet rs) throws SQLException {
        return action(rs, 1);
    }

    private static Action action(ResultSet rs, int first) throws SQLException {
        return new Action(DeadLetterHandled.Action.valueOf(rs.getString(first)), rs.getString(first + 1),
                rs.getString(first + 2), rs.getTimestamp(first + 3).toInstant(), rs.getString(first + 4));
    }
}
