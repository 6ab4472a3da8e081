package dev.crier.audit.domain.merkle;

import java.util.List;

/**
 * What to store so that a {@link CompactRange} can be restored without rehashing the log: the tree size and the
 * roots of the perfect subtrees that make up its leaves, largest (leftmost) first. There is one root per set bit of
 * {@code size}, so at most 63 hashes.
 */
public record TreeState(long size, List<byte[]> border) {

    /** Checks the shape (not the content, which only the leaves can vouch for) and copies the hashes. */
    public TreeState {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must be >= 0, was " + size);
        }
        border = Hashes.copyOf(border, "border");
        if (border.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has a border of " + Long.bitCount(size)
                    + " hashes, not " + border.size());
        }
        for (byte[] hash : border) {
            if (!MerkleHash.isHash(hash)) {
                throw new IllegalArgumentException("border hashes must be " + MerkleHash.SIZE + " bytes, one is "
                        + hash.length);
            }
        }
    }

    /** The state of the empty tree. */
    public static TreeState empty() {
        return new TreeState(0, List.of());
    }

    /** A copy of the border hashes, largest subtree first. */
    @Override
    public List<byte[]> border() {
        return Hashes.copyOf(border, "border");
    }

    /** The root hash of the tree this state describes. */
    public byte[] rootHash() {
        return CompactRange.restore(this).rootHash();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeState s && s.size == size && Hashes.equal(s.border, border);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + Hashes.hashCode(border);
    }

    @Override
    public String toString() {
        return "TreeState[size=" + size + ", border=" + Hashes.toString(border) + "]";
    }
}
