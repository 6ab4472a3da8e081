package dev.crier.publish.store;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostRetracted;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.store.Database;
import dev.crier.publish.domain.RetractionLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Retractions in PostgreSQL: one row per platform and request, never updated. A retraction and its
 * posts.retracted event are saved in one transaction (the event in the outbox), so the event can be late, never lost.
 */
@ApplicationScoped
public class RetractionStore implements RetractionLog {

    private final Database database;
    private final Outbox outbox;
    private final String source;

    public RetractionStore(Database database, Outbox outbox, @ConfigProperty(name = "crier.events.source") String source) {
        this.database = database;
        this.outbox = outbox;
        this.source = source;
    }

    @Override
    public Set<String> retractedPlatforms(String postId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT platform FROM retractions WHERE post_id = ? AND retracted")) {
                ps.setObject(1, UUID.fromString(postId));
                Set<String> platforms = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        platforms.add(rs.getString(1));
                    }
                }
                return platforms;
            }
        });
    }

    @Override
    public void record(PostRetracted retraction) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO retractions (post_id, platform, account, platform_post_id, retracted, error, reason, "
                            + "retracted_by, retracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PostRetracted.Retraction r : retraction.results()) {
                    ps.setObject(1, UUID.fromString(retraction.postId()));
                    ps.setString(2, r.platform());
                    ps.setString(3, r.account());
                    ps.setString(4, r.platformPostId());
                    ps.setBoolean(5, r.retracted());
                    ps.setString(6, r.error());
                    ps.setString(7, retraction.reason());
                    ps.setString(8, retraction.retractedBy());
                    ps.setTimestamp(9, Timestamp.from(retraction.retractedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            outbox.add(c, Event.of(EventType.POST_RETRACTED, source, retraction.postId(),
                    retraction.retractedAt().toString(), retraction.retractedAt(), retraction));
            return null;
        });
    }
}
