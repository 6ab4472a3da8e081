package dev.crier.publish.store;

import dev.crier.events.PostRetracted;
import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.publish.domain.RetractionLog;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Retractions in PostgreSQL: one row per platform and request, never updated. */
@ApplicationScoped
public class RetractionStore implements RetractionLog {

    private final AgroalDataSource db;

    public RetractionStore(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public Set<String> retractedPlatforms(String postId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT platform FROM retractions WHERE post_id = ? AND retracted")) {
            ps.setObject(1, UUID.fromString(postId));
            Set<String> platforms = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    platforms.add(rs.getString(1));
                }
            }
            return platforms;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public void record(PostRetracted retraction) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
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
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
