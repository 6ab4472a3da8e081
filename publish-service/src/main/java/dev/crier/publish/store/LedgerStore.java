package dev.crier.publish.store;

import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.PublishLedger;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The publish ledger in PostgreSQL; the state machine's rules are in the UPDATE, so no move skips them. */
@ApplicationScoped
public class LedgerStore implements PublishLedger {

    private final AgroalDataSource db;

    public LedgerStore(AgroalDataSource db) {
        this.db = db;
    }

    @Override
    public Optional<LedgerEntry> find(String postId, String platform) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, platform_post_id, url, error FROM publish_ledger WHERE post_id = ? AND platform = ?")) {
            ps.setObject(1, UUID.fromString(postId));
            ps.setString(2, platform);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LedgerEntry(postId, platform, LedgerState.valueOf(rs.getString(1)),
                        rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public void open(String postId, String platform) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO publish_ledger (post_id, platform, state) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, UUID.fromString(postId));
            ps.setString(2, platform);
            ps.setString(3, LedgerState.PENDING.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    @Override
    public void move(LedgerEntry entry) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE publish_ledger SET state = ?, platform_post_id = ?, url = ?, error = ?, updated_at = now() "
                        + "WHERE post_id = ? AND platform = ? AND state = ANY (?)")) {
            ps.setString(1, entry.state().name());
            ps.setString(2, entry.platformPostId());
            ps.setString(3, entry.url());
            ps.setString(4, entry.error());
            ps.setObject(5, UUID.fromString(entry.postId()));
            ps.setString(6, entry.platform());
            ps.setArray(7, c.createArrayOf("text", entry.state().allowedFrom().stream().map(Enum::name).toArray()));
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the ledger refused to move " + entry.platform() + " for post "
                        + entry.postId() + " to " + entry.state() + ": no entry in " + entry.state().allowedFrom());
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
