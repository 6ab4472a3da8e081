package dev.crier.audit.domain.merkle;

import java.util.List;

/**
 * An RFC 9162 consistency proof: the hashes showing that the tree of {@code fromSize} leaves is a prefix of the tree
 * of {@code toSize} leaves, i.e. that the log only appended. Holds whatever it was given; only {@link #verify} says
 * whether it is any good.
 */
public record ConsistencyProof(long fromSize, long toSize, List<byte[]> path) {

    public ConsistencyProof {
        path = Hashes.copyOf(path, "path");
    }

    /** A copy of the proof hashes, in RFC order. */
    @Override
    public List<byte[]> path() {
        return Hashes.copyOf(path, "path");
    }

    /** Whether this proves that the tree with root {@code fromRoot} is a prefix of the one with root {@code toRoot}. */
    public boolean verify(byte[] fromRoot, byte[] toRoot) {
        return MerkleVerifier.verifyConsistency(fromSize, toSize, path, fromRoot, toRoot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsistencyProof p && p.fromSize == fromSize && p.toSize == toSize
                && Hashes.equal(p.path, path);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(fromSize) * 31 + Long.hashCode(toSize)) * 31 + Hashes.hashCode(path);
    }

    @Override
    public String toString() {
        return "ConsistencyProof[fromSize=" + fromSize + ", toSize=" + toSize + ", path=" + Hashes.toString(path)
                + "]";
    }
}
