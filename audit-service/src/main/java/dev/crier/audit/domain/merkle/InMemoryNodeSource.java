package dev.crier.audit.domain.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NodeSource} over leaf hashes held in memory: enough for tests, small logs and a verify command that has
 * read the whole log. Caches nothing. Not thread-safe.
 */
public final class InMemoryNodeSource implements NodeSource {

    private final List<byte[]> leafHashes = new ArrayList<>();

    /** An empty source. */
    public InMemoryNodeSource() {
    }

    /** A source holding copies of {@code leafHashes}, in order. */
    public InMemoryNodeSource(List<byte[]> leafHashes) {
        leafHashes.forEach(this::append);
    }

    /** Adds the next leaf hash. */
    public void append(byte[] leafHash) {
        if (!MerkleHash.isHash(leafHash)) {
            throw new IllegalArgumentException("a leaf hash must be " + MerkleHash.SIZE + " bytes");
        }
        leafHashes.add(leafHash.clone());
    }

    @Override
    public long size() {
        return leafHashes.size();
    }

    @Override
    public byte[] leafHash(long index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + leafHashes.size());
        }
        return leafHashes.get((int) index).clone();
    }
}
