package dev.crier.audit.verify;

import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.MerkleHash;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a whole log, record by record as it streams in, against its newest signed checkpoint and against what was
 * verified last time (the trusted checkpoint and the leaf hashes it covered): every leaf hash is recomputed from the
 * record's bytes, the tree rebuilt, its root compared with the newest checkpoint's and its prefix with the trusted
 * one. When the prefix differs, the trusted leaves say what happened: a record changed, removed, inserted or
 * reordered. Plain Java, O(log n) hashes of memory plus 32 bytes per record for the leaves to trust next time.
 */
public final class LogVerifier {

    /** What was verified before: a checkpoint and the leaf hashes of its records, in order (may be empty). */
    public record Trusted(Checkpoint checkpoint, byte[] leaves) {
    }

    /** The outcome: problems in plain words (none when the log is sound) and the leaves to trust next time. */
    public record Report(List<String> problems, long records, byte[] leaves) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Trusted trusted;
    private final CompactRange tree = CompactRange.empty();
    private final ByteArrayOutputStream leaves = new ByteArrayOutputStream();
    private final List<String> problems = new ArrayList<>();
    private byte[] prefixRoot;

    public LogVerifier(Trusted trusted) {
        this.trusted = trusted;
        if (trusted != null && trusted.checkpoint().size() == 0) {
            prefixRoot = MerkleHash.emptyRoot();
        }
    }

    /** The next record as the log serves it: its index, its stored bytes, and the leaf hash the log claims. */
    public void record(long index, byte[] bytes, byte[] claimedLeafHash) {
        long position = tree.size();
        byte[] leafHash = MerkleHash.leafHash(bytes);
        if (index != position) {
            problem("record at position " + position + " carries index " + index
                    + ": a record was removed, inserted or reordered");
        }
        if (!MerkleHash.equal(leafHash, claimedLeafHash)) {
            problem("record " + index + " changed: its bytes no longer match its stored leaf hash");
        }
        tree.append(leafHash);
        leaves.writeBytes(leafHash);
        if (trusted != null && tree.size() == trusted.checkpoint().size()) {
            prefixRoot = tree.rootHash();
        }
    }

    /** Ends the log with its newest checkpoint, whose signature the caller has checked. */
    public Report finish(Checkpoint newest) {
        long size = tree.size();
        if (size != newest.size()) {
            problem("the log holds " + size + " records up to its newest checkpoint, which covers " + newest.size());
        } else if (!MerkleHash.equal(tree.rootHash(), newest.rootHash())) {
            problem("the records do not hash to the root of the newest checkpoint (size " + size + ")");
        }
        byte[] current = leaves.toByteArray();
        if (trusted != null) {
            Checkpoint old = trusted.checkpoint();
            if (newest.size() < old.size()) {
                problem("the newest checkpoint (size " + newest.size() + ") is smaller than the trusted one (size "
                        + old.size() + "): the log was cut");
            }
            if (prefixRoot == null || !MerkleHash.equal(prefixRoot, old.rootHash())) {
                problem("the first " + old.size() + " records no longer match the trusted checkpoint");
                problems.addAll(diagnose(trusted.leaves(), current));
            }
        }
        return new Report(List.copyOf(problems), size, current);
    }

    /** Compares the trusted leaves with the current ones and says, at the first difference, what happened. */
    static List<String> diagnose(byte[] trustedLeaves, byte[] currentLeaves) {
        int m = trustedLeaves.length / MerkleHash.SIZE;
        int n = currentLeaves.length / MerkleHash.SIZE;
        if (m == 0) {
            return List.of();
        }
        int i = 0;
        while (i < m && i < n && leaf(trustedLeaves, i).equals(leaf(currentLeaves, i))) {
            i++;
        }
        if (i == m) {
            return List.of();
        }
        if (i == n) {
            return List.of("records " + i + " to " + (m - 1) + " were removed");
        }
        // A swap first: in a swap, the next trusted leaf also comes first, as in a removal.
        for (int j = i + 1; j < m && j < n; j++) {
            if (leaf(trustedLeaves, i).equals(leaf(currentLeaves, j)) && leaf(trustedLeaves, j).equals(leaf(currentLeaves, i))) {
                return List.of("records " + i + " and " + j + " were reordered (swapped)");
            }
        }
        if (i + 1 < m && leaf(trustedLeaves, i + 1).equals(leaf(currentLeaves, i))) {
            return List.of("record " + i + " was removed (the records after it moved up)");
        }
        if (i + 1 < n && leaf(trustedLeaves, i).equals(leaf(currentLeaves, i + 1))) {
            return List.of("a record was inserted at index " + i + " (the records after it moved down)");
        }
        return List.of("record " + i + " was changed");
    }

    private static Leaf leaf(byte[] leaves, int i) {
        return new Leaf(Arrays.copyOfRange(leaves, i * MerkleHash.SIZE, (i + 1) * MerkleHash.SIZE));
    }

    /** A leaf hash that compares by content. */
    private record Leaf(byte[] hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Leaf l && Arrays.equals(l.hash, hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }
    }

    private void problem(String problem) {
        if (problems.size() < 100) {
            problems.add(problem);
        }
    }
}
