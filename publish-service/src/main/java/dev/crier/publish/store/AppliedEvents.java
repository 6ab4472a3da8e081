package dev.crier.publish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** publish-service's side of platform's {@code processed_events}: what it must take back out. */
public final class AppliedEvents {

    private AppliedEvents() {
    }

    /** Forgets that the event was applied, in the transaction of {@code c}: it counts as unseen when it comes again. */
    public static void forget(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM processed_events WHERE event_id = ?")) {
            ps.setString(1, eventId);
            ps.executeUpdate();
        }
    }
}
