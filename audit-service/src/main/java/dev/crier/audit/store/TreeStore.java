package dev.crier.audit.store;

import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.MerkleHash;
import dev.crier.audit.domain.merkle.TreeState;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree's tables: the head after each append (size, root, compact range) and the roots of perfect subtrees
 * of at least {@value #STORED_LEVEL_MIN}-level (256 leaves), written in the appending transaction. Plain JDBC on a
 * connection the caller owns, so the benchmark drives it without Quarkus.
 */
public final class TreeStore {

    /** Subtrees below this level are cheaper to rehash from at most 255 leaf hashes than to store. */
    public static final int STORED_LEVEL_MIN = 8;

    private TreeStore() {
    }

    /** The newest head, or the empty tree. */
    public static TreeState head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT size, border FROM audit_tree_heads ORDER BY size DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new TreeState(rs.getLong(1), split(rs.getBytes(2))) : TreeState.empty();
        }
    }

    /** The head of the tree at exactly {@code size} leaves, if one was stored. */
    public static Optional<TreeState> head(Connection c, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT border FROM audit_tree_heads WHERE size = ?")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TreeState(size, split(rs.getBytes(1)))) : Optional.empty();
            }
        }
    }

    static void insertHead(Connection c, CompactRange tree) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_tree_heads (size, root_hash, border) VALUES (?, ?, ?)")) {
            ps.setLong(1, tree.size());
            ps.setBytes(2, tree.rootHash());
            ps.setBytes(3, join(tree.state().border()));
            ps.executeUpdate();
        }
    }

    /** Collects the subtrees worth storing while leaves are appended, then writes them in one batch. */
    static final class NodeBatch implements CompactRange.SubtreeListener {
        private final List<Object[]> nodes = new ArrayList<>();

        @Override
        public void subtree(int level, long index, byte[] hash) {
            if (level >= STORED_LEVEL_MIN) {
                nodes.add(new Object[]{level, index, hash});
            }
        }

        void insert(Connection c) throws SQLException {
            if (nodes.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_tree_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
                for (Object[] node : nodes) {
                    ps.setShort(1, (short) (int) (Integer) node[0]);
                    ps.setLong(2, (Long) node[1]);
                    ps.setBytes(3, (byte[]) node[2]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            nodes.clear();
        }
    }

    /** A stored perfect subtree root. */
    static Optional<byte[]> node(Connection c, int level, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_tree_nodes WHERE level = ? AND idx = ?")) {
            ps.setShort(1, (short) level);
            ps.setLong(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static byte[] join(List<byte[]> hashes) {
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * MerkleHash.SIZE);
        hashes.forEach(out::put);
        return out.array();
    }

    private static List<byte[]> split(byte[] joined) {
        List<byte[]> hashes = new ArrayList<>();
        for (int at = 0; at + MerkleHash.SIZE <= joined.length; at += MerkleHash.SIZE) {
            hashes.add(java.util.Arrays.copyOfRange(joined, at, at + MerkleHash.SIZE));
        }
        return hashes;
    }
}
