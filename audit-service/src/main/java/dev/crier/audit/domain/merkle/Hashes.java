package dev.crier.audit.domain.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Helpers for lists of hashes held by the records of this package: byte arrays are mutable and compare by identity,
 * so the records copy them in and out and compare them by content.
 */
final class Hashes {

    private Hashes() {
    }

    /** An unmodifiable deep copy; rejects a null list or a null element. */
    static List<byte[]> copyOf(List<byte[]> hashes, String what) {
        Objects.requireNonNull(hashes, what);
        List<byte[]> copy = new ArrayList<>(hashes.size());
        for (byte[] hash : hashes) {
            copy.add(Objects.requireNonNull(hash, () -> what + " contains null").clone());
        }
        return Collections.unmodifiableList(copy);
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hashCode(List<byte[]> hashes) {
        int result = 1;
        for (byte[] hash : hashes) {
            result = 31 * result + Arrays.hashCode(hash);
        }
        return result;
    }

    static String toString(List<byte[]> hashes) {
        return hashes.stream().map(MerkleHash::toHex).toList().toString();
    }
}
