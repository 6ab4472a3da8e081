package dev.crier.audit.domain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree that grows by appending leaf hashes and only remembers its right border: the roots of the perfect
 * subtrees (sizes are the set bits of the tree size, largest first) that the RFC 9162 tree of its leaves splits
 * into. Appending is a binary increment that merges equal-sized subtrees, so it costs O(log n) hashes at worst and
 * O(1) amortised, and the root is O(log n) hashes away. The ledger stores {@link #state()} to restart without
 * rehashing every record. Not thread-safe: one writer owns an instance.
 */
public final class CompactRange {

    private final List<byte[]> border;
    private long size;

    private CompactRange(long size, List<byte[]> border) {
        this.size = size;
        this.border = new ArrayList<>(border);
    }

    /** A tree with no leaves. */
    public static CompactRange empty() {
        return new CompactRange(0, List.of());
    }

    /** Continues a tree from a stored state; the state's hashes are trusted, so store them where they are safe. */
    public static CompactRange restore(TreeState state) {
        Objects.requireNonNull(state, "state");
        return new CompactRange(state.size(), state.border());
    }

    /**
     * The root hash of a whole sequence of leaf hashes, streaming it in O(log n) memory: what a verify command uses
     * to re-check a complete log against a checkpoint.
     */
    public static byte[] rootOf(Iterable<byte[]> leafHashes) {
        CompactRange range = empty();
        for (byte[] leafHash : leafHashes) {
            range.append(leafHash);
        }
        return range.rootHash();
    }

    /** The number of leaves appended so far. */
    public long size() {
        return size;
    }

    /**
     * Appends one leaf hash (see {@link MerkleHash#leafHash}) and returns its index in the tree.
     *
     * @throws IllegalArgumentException if it is not a {@value MerkleHash#SIZE}-byte hash
     */
    public long append(byte[] leafHash) {
        return append(leafHash, (level, index, hash) -> {
        });
    }

    /**
     * Appends one leaf hash and tells {@code completed} of every perfect subtree root the append completes (level 1
     * and up), so that a store can keep them for proofs.
     */
    public long append(byte[] leafHash, SubtreeListener completed) {
        if (!MerkleHash.isHash(leafHash)) {
            throw new IllegalArgumentException("a leaf hash must be " + MerkleHash.SIZE + " bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the tree is full");
        }
        byte[] hash = leafHash.clone();
        // Each trailing one bit of size is a perfect subtree as big as the one being carried: merge them.
        int level = 0;
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            hash = MerkleHash.nodeHash(border.remove(border.size() - 1), hash);
            level++;
            completed.subtree(level, size >>> level, hash.clone());
        }
        border.add(hash);
        return size++;
    }

    /** MTH of the leaves appended so far; the empty-tree hash if there are none. */
    public byte[] rootHash() {
        if (border.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        // RFC 9162 splits at the largest power of two below the size, so the tree is the border folded from the right.
        byte[] root = border.get(border.size() - 1).clone();
        for (int i = border.size() - 2; i >= 0; i--) {
            root = MerkleHash.nodeHash(border.get(i), root);
        }
        return root;
    }

    /** Hears of perfect subtrees as appends complete them. */
    @FunctionalInterface
    public interface SubtreeListener {
        /** The root {@code hash} of leaves {@code [index * 2^level, (index + 1) * 2^level)}. */
        void subtree(int level, long index, byte[] hash);
    }

    /** What to persist to {@link #restore} this tree later. */
    public TreeState state() {
        return new TreeState(size, border);
    }
}
