package dev.crier.audit.domain.merkle;

import java.util.List;

/**
 * An RFC 9162 inclusion proof: the audit path from leaf {@code leafIndex} to the root of the tree of
 * {@code treeSize} leaves, sibling hashes from the bottom up. Holds whatever it was given; only
 * {@link #verify} says whether it is any good.
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    public InclusionProof {
        path = Hashes.copyOf(path, "path");
    }

    /** A copy of the sibling hashes, bottom up. */
    @Override
    public List<byte[]> path() {
        return Hashes.copyOf(path, "path");
    }

    /** Whether this proves that {@code leafHash} is leaf {@code leafIndex} of the tree with root {@code rootHash}. */
    public boolean verify(byte[] leafHash, byte[] rootHash) {
        return MerkleVerifier.verifyInclusion(leafIndex, treeSize, leafHash, path, rootHash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InclusionProof p && p.leafIndex == leafIndex && p.treeSize == treeSize
                && Hashes.equal(p.path, path);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(leafIndex) * 31 + Long.hashCode(treeSize)) * 31 + Hashes.hashCode(path);
    }

    @Override
    public String toString() {
        return "InclusionProof[leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path=" + Hashes.toString(path)
                + "]";
    }
}
