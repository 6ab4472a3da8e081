package dev.crier.audit.store;

import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** The checkpoints the log issued (audit_checkpoints), newest by size, in the caller's transaction. */
@ApplicationScoped
public class CheckpointStore {

    private final String origin;

    public CheckpointStore(@ConfigProperty(name = "crier.audit.origin") String origin) {
        this.origin = origin;
    }

    /** False when a checkpoint of this size was already stored (by another instance, at the same moment). */
    public boolean insert(Connection c, SignedCheckpoint signed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_checkpoints (size, root_hash, note, issued_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (size) DO NOTHING")) {
            ps.setLong(1, signed.checkpoint().size());
            ps.setBytes(2, signed.checkpoint().rootHash());
            ps.setString(3, signed.note());
            ps.setTimestamp(4, Timestamp.from(signed.issuedAt()));
            return ps.executeUpdate() == 1;
        }
    }

    /** The checkpoint of the largest tree issued so far. */
    public Optional<SignedCheckpoint> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT size, root_hash, note, issued_at FROM audit_checkpoints ORDER BY size DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new SignedCheckpoint(new Checkpoint(origin, rs.getLong(1), rs.getBytes(2)),
                    rs.getString(3), rs.getTimestamp(4).toInstant())) : Optional.empty();
        }
    }
}
