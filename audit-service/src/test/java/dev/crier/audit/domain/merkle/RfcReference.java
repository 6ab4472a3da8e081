package dev.crier.audit.domain.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deliberately naive second implementation of RFC 9162 for the tests: its own SHA-256 calls, the recursive
 * definitions of MTH, PATH and PROOF on sub-lists, and verifiers that rebuild the expected hash expressions from those
 * same recursions instead of the bit arithmetic of sections 2.1.3.2 and 2.1.4.2. The library is checked against it.
 */
final class RfcReference {

    private RfcReference() {
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] leaf(byte[] data) {
        return sha256(new byte[] {0}, data);
    }

    static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    /**
     * Random leaf hashes, each the leaf hash of 8 to 40 random bytes: long enough that no two leaves are equal, since
     * equal neighbours would let a proof for one leaf verify for the other, rightly.
     */
    static List<byte[]> randomLeafHashes(Random random, int count) {
        List<byte[]> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[8 + random.nextInt(33)];
            random.nextBytes(data);
            hashes.add(leaf(data));
        }
        return hashes;
    }

    /** The largest power of two smaller than n, counted the slow way. */
    static long k(long n) {
        long k = 1;
        while (k <= (n - 1) / 2) {
            k *= 2;
        }
        return k;
    }

    /** MTH(D[n]) over leaf hashes. */
    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return sha256();
        }
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = (int) k(d.size());
        return node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    /** PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() > 1) {
            int k = (int) k(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
        }
        return out;
    }

    /** PROOF(m, D[n]). */
    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        if (m == d.size()) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = (int) k(d.size());
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(subproof(m - k, d.subList(k, d.size()), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** Inclusion by evaluating the PATH recursion: which side each proof hash sits on follows from the tree shape. */
    static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        int[] next = {0};
        byte[] computed = evaluatePath(index, size, leafHash, proof, next);
        return computed != null && next[0] == proof.size() && Arrays.equals(computed, root);
    }

    private static byte[] evaluatePath(long m, long n, byte[] leafHash, List<byte[]> proof, int[] next) {
        if (n == 1) {
            return leafHash;
        }
        long k = k(n);
        byte[] inner = m < k ? evaluatePath(m, k, leafHash, proof, next) : evaluatePath(m - k, n - k, leafHash, proof, next);
        if (inner == null || next[0] >= proof.size()) {
            return null;
        }
        byte[] sibling = proof.get(next[0]++);
        return m < k ? node(inner, sibling) : node(sibling, inner);
    }

    /**
     * Consistency by evaluating the SUBPROOF recursion into the old and the new root; the proof hash left out when
     * the old tree is a whole subtree is the old root itself.
     */
    static boolean verifyConsistency(long m, long n, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (m < 0 || m > n) {
            return false;
        }
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(root1, root2) && (m > 0 || Arrays.equals(root1, sha256()));
        }
        if (m == 0) {
            return false;
        }
        int[] next = {0};
        byte[][] roots = evaluateSubproof(m, n, true, proof, root1, next);
        return roots != null && next[0] == proof.size() && Arrays.equals(roots[0], root1)
                && Arrays.equals(roots[1], root2);
    }

    private static byte[][] evaluateSubproof(long m, long n, boolean b, List<byte[]> proof, byte[] root1, int[] next) {
        if (m == n) {
            if (b) {
                return new byte[][] {root1, root1};
            }
            if (next[0] >= proof.size()) {
                return null;
            }
            byte[] hash = proof.get(next[0]++);
            return new byte[][] {hash, hash};
        }
        long k = k(n);
        byte[][] inner = m <= k ? evaluateSubproof(m, k, b, proof, root1, next)
                : evaluateSubproof(m - k, n - k, false, proof, root1, next);
        if (inner == null || next[0] >= proof.size()) {
            return null;
        }
        byte[] hash = proof.get(next[0]++);
        return m <= k ? new byte[][] {inner[0], node(inner[1], hash)}
                : new byte[][] {node(hash, inner[0]), node(hash, inner[1])};
    }
}
