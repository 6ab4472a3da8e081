package dev.crier.audit.domain.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The hashing of RFC 9162 section 2.1.1, with SHA-256. Leaves and interior nodes get different one-byte prefixes so
 * that a leaf can never be passed off as a node (second-preimage resistance); the empty tree hashes to SHA-256 of
 * nothing.
 */
public final class MerkleHash {

    /** Length in bytes of every hash in the tree. */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();
    private static final HexFormat HEX = HexFormat.of();

    private MerkleHash() {
    }

    /** MTH({}) = SHA-256(), the root hash of a tree with no leaves. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** MTH({d}) = SHA-256(0x00 || d): the hash of one leaf's bytes. */
    public static byte[] leafHash(byte[] leaf) {
        Objects.requireNonNull(leaf, "leaf");
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(leaf);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right): the hash of an interior node from its two children's hashes. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Whether {@code bytes} can be a hash of this tree: present and {@value #SIZE} bytes long. */
    public static boolean isHash(byte[] bytes) {
        return bytes != null && bytes.length == SIZE;
    }

    /** Compares two hashes in time independent of where they differ; null equals nothing. */
    public static boolean equal(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    /** Lower-case hex, the usual way to print a hash. */
    public static String toHex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Reads lower- or upper-case hex. */
    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
