package dev.crier.audit.domain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds RFC 9162 proofs straight from the recursive definitions: PATH (section 2.1.3.1) for inclusion and
 * PROOF/SUBPROOF (section 2.1.4.1) for consistency. Every hash a proof needs is the root of a subtree disjoint from
 * the others, so one proof reads each leaf at most once: O(n) hashes without a cache, fewer with
 * {@link NodeSource#cachedSubtreeRoot}. Holds no state besides its source.
 */
public final class ProofGenerator {

    private final NodeSource source;

    public ProofGenerator(NodeSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** MTH of the first {@code treeSize} leaves; the empty-tree hash for 0. */
    public byte[] rootHash(long treeSize) {
        checkTreeSize(treeSize);
        return treeSize == 0 ? MerkleHash.emptyRoot() : subtreeRoot(0, treeSize);
    }

    /**
     * The audit path of leaf {@code leafIndex} in the tree of the first {@code treeSize} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize <= source size}
     */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        checkTreeSize(treeSize);
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /**
     * The proof that the tree of the first {@code fromSize} leaves is a prefix of the tree of the first
     * {@code toSize}; empty when the sizes are equal.
     *
     * @throws IllegalArgumentException unless {@code 0 < fromSize <= toSize <= source size} or both sizes are 0 (RFC
     *                                  9162 defines no proof from the empty tree, which is a prefix of every tree)
     */
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        checkTreeSize(toSize);
        if (fromSize < 0 || fromSize > toSize || (fromSize == 0 && toSize != 0)) {
            throw new IllegalArgumentException("no consistency proof from size " + fromSize + " to size " + toSize
                    + "; need 0 < from <= to");
        }
        List<byte[]> path = new ArrayList<>();
        if (fromSize < toSize) {
            subproof(fromSize, 0, toSize, true, path);
        }
        return new ConsistencyProof(fromSize, toSize, path);
    }

    /** PATH(m, D[start:end]), with m relative to start; appends bottom-up, so the recursion comes first. */
    private void path(long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = splitPoint(n);
        if (m < k) {
            path(m, start, start + k, out);
            out.add(subtreeRoot(start + k, end));
        } else {
            path(m - k, start + k, end, out);
            out.add(subtreeRoot(start, start + k));
        }
    }

    /** SUBPROOF(m, D[start:end], b), with m counted from start. */
    private void subproof(long m, long start, long end, boolean wholeOldTree, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!wholeOldTree) {
                out.add(subtreeRoot(start, end));
            }
            return;
        }
        long k = splitPoint(n);
        if (m <= k) {
            subproof(m, start, start + k, wholeOldTree, out);
            out.add(subtreeRoot(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(subtreeRoot(start, start + k));
        }
    }

    /** MTH(D[start:end]) for a non-empty range. */
    private byte[] subtreeRoot(long start, long end) {
        if (end - start == 1) {
            return checked(source.leafHash(start), "leaf " + start);
        }
        Optional<byte[]> cached = source.cachedSubtreeRoot(start, end);
        if (cached != null && cached.isPresent()) {
            return checked(cached.get(), "cached subtree root [" + start + ", " + end + ")");
        }
        long k = splitPoint(end - start);
        return MerkleHash.nodeHash(subtreeRoot(start, start + k), subtreeRoot(start + k, end));
    }

    /** The largest power of two smaller than n (n >= 2): where RFC 9162 splits a tree of n leaves. */
    private static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    private void checkTreeSize(long treeSize) {
        if (treeSize < 0 || treeSize > source.size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is not between 0 and the " + source.size()
                    + " leaves available");
        }
    }

    private static byte[] checked(byte[] hash, String what) {
        if (!MerkleHash.isHash(hash)) {
            throw new IllegalStateException("the node source returned a malformed hash for " + what);
        }
        return hash;
    }
}
