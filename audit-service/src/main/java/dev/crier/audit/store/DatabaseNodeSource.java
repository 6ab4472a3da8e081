package dev.crier.audit.store;

import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.NodeSource;
import dev.crier.platform.store.StoreUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tree as the database holds it, for proofs: leaf hashes by index, stored perfect subtree roots, and small
 * ranges (at most 2^{@value TreeStore#STORED_LEVEL_MIN} leaves) rehashed from one range read, so a proof costs
 * O(log n) queries. Lives for one request, on the caller's connection.
 */
public final class DatabaseNodeSource implements NodeSource {

    private static final long SMALL_RANGE = 1L << TreeStore.STORED_LEVEL_MIN;

    private final Connection c;
    private final long size;

    public DatabaseNodeSource(Connection c, long size) {
        this.c = c;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] leafHash(long index) {
        return leafHashes(index, index + 1).get(0);
    }

    @Override
    public Optional<byte[]> cachedSubtreeRoot(long start, long end) {
        long width = end - start;
        try {
            if (width <= SMALL_RANGE) {
                return Optional.of(CompactRange.rootOf(leafHashes(start, end)));
            }
            if (Long.bitCount(width) == 1 && start % width == 0) {
                return TreeStore.node(c, Long.numberOfTrailingZeros(width), start / width);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private List<byte[]> leafHashes(long start, long end) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT leaf_hash FROM audit_records WHERE idx >= ? AND idx < ? ORDER BY idx")) {
            ps.setLong(1, start);
            ps.setLong(2, end);
            List<byte[]> hashes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getBytes(1));
                }
            }
            if (hashes.size() != end - start) {
                throw new IllegalStateException("audit_records lacks leaves in [" + start + ", " + end + ")");
            }
            return hashes;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
