package dev.crier.audit.domain.merkle;

import java.util.Optional;

/**
 * Where {@link ProofGenerator} reads the tree from: the leaf hashes by index, and optionally subtree roots the store
 * already knows (for example the perfect subtrees it saved while appending), which spare rehashing those leaves.
 */
public interface NodeSource {

    /** The number of leaf hashes available, indexes {@code 0 .. size() - 1}. */
    long size();

    /** The leaf hash (see {@link MerkleHash#leafHash}) at {@code index}, {@code 0 <= index < size()}. */
    byte[] leafHash(long index);

    /**
     * MTH(D[start:end]) if the source has it at hand, else empty. Only asked for subtrees of the RFC 9162 shape
     * (start a multiple of the largest power of two below {@code end - start}, or the whole tree); an answer must be
     * correct, since proofs built from it are only as good as it is.
     */
    default Optional<byte[]> cachedSubtreeRoot(long start, long end) {
        return Optional.empty();
    }
}
