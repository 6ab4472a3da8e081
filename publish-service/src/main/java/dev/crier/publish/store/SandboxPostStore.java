package dev.crier.publish.store;

import dev.crier.platform.store.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The sandbox platform's posts: one per idempotency key. */
@ApplicationScoped
public class SandboxPostStore {

    private static final String COLUMNS = "id, idempotency_key, text, language, created_at";

    private final Database database;

    public SandboxPostStore(Database database) {
        this.database = database;
    }

    /** What a post request did: the post, and whether it is new or the one an earlier request with its key made. */
    public record Saved(SandboxPost post, boolean created) {
    }

    /** Stores a post, unless one with the same idempotency key exists: then that one is returned unchanged. */
    public Saved save(String text, String language, String idempotencyKey) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_posts (id, idempotency_key, text, language) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + COLUMNS)) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, idempotencyKey);
                ps.setString(3, text);
                ps.setString(4, language);
                List<SandboxPost> inserted = read(ps);
                if (!inserted.isEmpty()) {
                    return new Saved(inserted.get(0), true);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sandbox_posts WHERE idempotency_key = ?")) {
                ps.setString(1, idempotencyKey);
                return new Saved(read(ps).get(0), false);
            }
        });
    }

    /** Deletes a post; false when there was none. */
    public boolean delete(UUID id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sandbox_posts WHERE id = ?")) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<SandboxPost> find(UUID id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sandbox_posts WHERE id = ?")) {
                ps.setObject(1, id);
                return read(ps).stream().findFirst();
            }
        });
    }

    /** The newest posts first: all of them, or only the one sent with {@code idempotencyKey}. */
    public List<SandboxPost> newest(Optional<String> idempotencyKey, int limit) {
        String where = idempotencyKey.isPresent() ? " WHERE idempotency_key = ?" : "";
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM sandbox_posts" + where + " ORDER BY created_at DESC, id LIMIT ?")) {
                int i = 1;
                if (idempotencyKey.isPresent()) {
                    ps.setString(i++, idempotencyKey.get());
                }
                ps.setInt(i, limit);
                return read(ps);
            }
        });
    }

    private static List<SandboxPost> read(PreparedStatement ps) throws SQLException {
        List<SandboxPost> posts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                posts.add(new SandboxPost(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()));
            }
        }
        return posts;
    }
}
