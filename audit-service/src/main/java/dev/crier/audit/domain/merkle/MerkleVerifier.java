package dev.crier.audit.domain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks RFC 9162 proofs with the iterative algorithms of sections 2.1.3.2 (inclusion) and 2.1.4.2 (consistency),
 * which need only the proof, the sizes and the hashes, not the tree. Proofs come from outside, so every method
 * answers false (or empty) for anything malformed or wrong, including nulls, negative or mismatched sizes and hashes
 * of the wrong length, and never throws.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {
    }

    /** Whether {@code proof} shows that {@code leafHash} is leaf {@code leafIndex} of the tree with {@code rootHash}. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
                                          byte[] rootHash) {
        return rootFromInclusionProof(leafIndex, treeSize, leafHash, proof)
                .map(root -> MerkleHash.equal(root, rootHash))
                .orElse(false);
    }

    /**
     * The root hash that an inclusion proof leads to (RFC 9162 section 2.1.3.2, steps 1 to 4 and the sn check of step
     * 5), or empty if the proof does not fit {@code leafIndex} and {@code treeSize}. Compare it with a trusted root.
     */
    public static Optional<byte[]> rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash,
                                                          List<byte[]> proof) {
        List<byte[]> path = wellFormed(proof);
        if (path == null || !MerkleHash.isHash(leafHash) || leafIndex < 0 || leafIndex >= treeSize) {
            return Optional.empty();
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash.clone();
        for (byte[] p : path) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHash.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /**
     * Whether {@code proof} shows that the tree of {@code size1} leaves with root {@code root1} is a prefix of the tree
     * of {@code size2} leaves with root {@code root2}. RFC 9162 section 2.1.4.2 covers {@code 0 < size1 < size2}; for
     * equal sizes the proof must be empty and the roots equal (and be the empty-tree hash for size 0); a proof from
     * size 0 to a larger size is not defined and is rejected, as the empty tree is a prefix of every tree anyway.
     */
    public static boolean verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        List<byte[]> path = wellFormed(proof);
        if (path == null || root1 == null || root2 == null || size1 < 0 || size1 > size2) {
            return false;
        }
        if (size1 == size2) {
            boolean rootsFit = size1 > 0 || MerkleHash.equal(root1, MerkleHash.emptyRoot());
            return path.isEmpty() && rootsFit && MerkleHash.equal(root1, root2);
        }
        if (size1 == 0 || path.isEmpty() || !MerkleHash.isHash(root1) || !MerkleHash.isHash(root2)) {
            return false;
        }
        // Step 2: if size1 is a power of two the old root is a node of the new tree and the proof leaves it out.
        if ((size1 & (size1 - 1)) == 0) {
            path.add(0, root1.clone());
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.nodeHash(c, fr);
                sr = MerkleHash.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleHash.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MerkleHash.equal(fr, root1) && MerkleHash.equal(sr, root2);
    }

    /** A private copy of the proof if every element is a hash, else null. */
    private static List<byte[]> wellFormed(List<byte[]> proof) {
        if (proof == null) {
            return null;
        }
        List<byte[]> copy = new ArrayList<>(proof.size() + 1);
        for (byte[] hash : proof) {
            if (!MerkleHash.isHash(hash)) {
                return null;
            }
            copy.add(hash);
        }
        return copy;
    }
}
