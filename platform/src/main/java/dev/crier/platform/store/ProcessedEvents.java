package dev.crier.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The events a service has already applied, in its own {@code processed_events} table (every service's first
 * migration creates it). Call inside the transaction that applies the event, so the event and its effect
 * commit together or not at all.
 */
public final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** Records the event id; false when it was already there, and the event must then change nothing. */
    public static boolean firstTime(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, eventId);
            return ps.executeUpdate() == 1;
        }
    }
}
