package dev.crier.audit.domain.merkle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Generated proofs verify, and any change to them does not. Sizes 1 to 300 (and a few large ones) with seeded
 * random leaves. A wrong size can legitimately verify when it gives the proof the same shape (leaf 0 of 3 and of 4
 * hash the same way), so wrong sizes are checked against {@link RfcReference}'s recursive verifier rather than
 * expected to fail.
 */
class ProofPropertyTest {

    static final long SEED = 20_240_917L;

    @Test
    void everyInclusionProofVerifiesAndEveryAlterationFails() {
        Random random = new Random(SEED);
        long proofs = 0;
        long sameShapeAcceptances = 0;
        long wrongSizeTries = 0;
        for (int n = 1; n <= 300; n++) {
            List<byte[]> leaves = RfcReference.randomLeafHashes(random, n);
            ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(leaves));
            byte[] root = generator.rootHash(n);
            for (long i : indexes(random, n, 64, 16)) {
                InclusionProof proof = generator.inclusionProof(i, n);
                List<byte[]> path = proof.path();
                byte[] leaf = leaves.get((int) i);
                String what = "leaf " + i + " of " + n;
                assertThat(path).as(what).usingElementComparator(ProofPropertyTest::compare)
                        .containsExactlyElementsOf(RfcReference.path((int) i, leaves));
                assertThat(proof.verify(leaf, root)).as(what).isTrue();
                assertThat(MerkleVerifier.rootFromInclusionProof(i, n, leaf, path)).as(what).hasValue(root);
                assertThat(RfcReference.verifyInclusion(i, n, leaf, path, root)).as(what).isTrue();
                proofs++;

                for (int e = 0; e < path.size(); e++) {
                    assertThat(MerkleVerifier.verifyInclusion(i, n, leaf, flipInList(random, path, e), root))
                            .as("%s, bit flipped in proof[%d]", what, e).isFalse();
                }
                assertThat(MerkleVerifier.verifyInclusion(i, n, flip(random, leaf), path, root)).as(what).isFalse();
                assertThat(MerkleVerifier.verifyInclusion(i, n, leaf, path, flip(random, root))).as(what).isFalse();
                assertThat(MerkleVerifier.verifyInclusion(i, n, leaf, withExtra(random, path), root)).isFalse();
                if (!path.isEmpty()) {
                    assertThat(MerkleVerifier.verifyInclusion(i, n, leaf, path.subList(0, path.size() - 1), root))
                            .as("%s, truncated", what).isFalse();
                }
                for (long other : List.of(i - 1, i + 1, i ^ 2, (long) random.nextInt(n), (long) n, n + 1L, -1L)) {
                    if (other != i) {
                        assertThat(MerkleVerifier.verifyInclusion(other, n, leaf, path, root))
                                .as("%s claimed as leaf %d", what, other).isFalse();
                    }
                }
                for (long size : List.of(n - 1L, n + 1L, 2L * n, n / 2L, i + 1L + random.nextInt(2 * n),
                        0L, -1L)) {
                    if (size != n) {
                        boolean accepted = MerkleVerifier.verifyInclusion(i, size, leaf, path, root);
                        assertThat(accepted).as("%s claimed in a tree of size %d", what, size)
                                .isEqualTo(RfcReference.verifyInclusion(i, size, leaf, path, root));
                        sameShapeAcceptances += accepted ? 1 : 0;
                        wrongSizeTries++;
                    }
                }
            }
        }
        assertThat(proofs).isGreaterThan(5_000);
        // Both outcomes must have been exercised for the comparison with the reference to mean something.
        assertThat(sameShapeAcceptances).as("wrong sizes accepted because the proof has the same shape")
                .isPositive().isLessThan(wrongSizeTries);
    }

    @Test
    void everyConsistencyProofVerifiesAndEveryAlterationFails() {
        Random random = new Random(SEED + 1);
        long proofs = 0;
        for (int n = 1; n <= 300; n++) {
            List<byte[]> leaves = RfcReference.randomLeafHashes(random, n);
            ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(leaves));
            byte[] root2 = generator.rootHash(n);
            TreeSet<Long> sizes = new TreeSet<>();
            for (long i : indexes(random, n, 32, 12)) {
                sizes.add(i + 1);
            }
            for (long p = 1; p < n; p *= 2) {
                sizes.add(p);
            }
            for (long m : sizes) {
                ConsistencyProof proof = generator.consistencyProof(m, n);
                List<byte[]> path = proof.path();
                byte[] root1 = generator.rootHash(m);
                String what = "from " + m + " to " + n;
                assertThat(path).as(what).usingElementComparator(ProofPropertyTest::compare)
                        .containsExactlyElementsOf(RfcReference.proof((int) m, leaves));
                assertThat(proof.verify(root1, root2)).as(what).isTrue();
                assertThat(RfcReference.verifyConsistency(m, n, path, root1, root2)).as(what).isTrue();
                proofs++;

                for (int e = 0; e < path.size(); e++) {
                    assertThat(MerkleVerifier.verifyConsistency(m, n, flipInList(random, path, e), root1, root2))
                            .as("%s, bit flipped in proof[%d]", what, e).isFalse();
                }
                assertThat(MerkleVerifier.verifyConsistency(m, n, path, flip(random, root1), root2)).as(what).isFalse();
                assertThat(MerkleVerifier.verifyConsistency(m, n, path, root1, flip(random, root2))).as(what).isFalse();
                assertThat(MerkleVerifier.verifyConsistency(m, n, withExtra(random, path), root1, root2)).isFalse();
                if (!path.isEmpty()) {
                    assertThat(MerkleVerifier.verifyConsistency(m, n, path.subList(1, path.size()), root1, root2))
                            .as("%s, first hash dropped", what).isFalse();
                    assertThat(MerkleVerifier.verifyConsistency(m, n, path, root2, root1)).as("%s, swapped", what)
                            .isFalse();
                }
                for (long[] wrong : new long[][] {{m - 1, n}, {m + 1, n}, {m, n - 1}, {m, n + 1}, {m, 2L * n},
                        {m ^ 2, n}, {m, n ^ 2}, {n, m}, {0, n}, {1 + random.nextInt(n), n}}) {
                    if (wrong[0] != m || wrong[1] != n) {
                        assertThat(MerkleVerifier.verifyConsistency(wrong[0], wrong[1], path, root1, root2))
                                .as("%s claimed from %d to %d", what, wrong[0], wrong[1])
                                .isEqualTo(RfcReference.verifyConsistency(wrong[0], wrong[1], path, root1, root2));
                    }
                }
            }
        }
        assertThat(proofs).isGreaterThan(3_000);
    }

    @Test
    void proofsInLargeTreesVerify() {
        Random random = new Random(SEED + 2);
        for (int n : new int[] {4096, 4097, 65_537}) {
            List<byte[]> leaves = RfcReference.randomLeafHashes(random, n);
            ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(leaves));
            byte[] root = CompactRange.rootOf(leaves);
            for (long i : List.of(0L, n - 1L, (long) random.nextInt(n))) {
                assertThat(generator.inclusionProof(i, n).verify(leaves.get((int) i), root)).isTrue();
            }
            for (long m : List.of(1L, n - 1L, n / 2L + 1, (long) 1 + random.nextInt(n - 1))) {
                ConsistencyProof proof = generator.consistencyProof(m, n);
                assertThat(proof.verify(CompactRange.rootOf(leaves.subList(0, (int) m)), root)).isTrue();
                assertThat(proof.verify(CompactRange.rootOf(leaves.subList(0, (int) m - 1)), root)).isFalse();
            }
        }
    }

    @Test
    void cachedSubtreesAreUsedAndGiveTheSameProofs() {
        List<byte[]> leaves = RfcReference.randomLeafHashes(new Random(SEED + 3), 1000);
        AtomicLong leafReads = new AtomicLong();
        NodeSource cached = new NodeSource() {
            @Override
            public long size() {
                return leaves.size();
            }

            @Override
            public byte[] leafHash(long index) {
                leafReads.incrementAndGet();
                return leaves.get((int) index);
            }

            @Override
            public Optional<byte[]> cachedSubtreeRoot(long start, long end) {
                long size = end - start;
                boolean perfect = Long.bitCount(size) == 1 && start % size == 0;
                return perfect ? Optional.of(RfcReference.mth(leaves.subList((int) start, (int) end))) : Optional.empty();
            }
        };
        ProofGenerator plain = new ProofGenerator(new InMemoryNodeSource(leaves));
        ProofGenerator fast = new ProofGenerator(cached);
        assertThat(fast.inclusionProof(777, 1000)).isEqualTo(plain.inclusionProof(777, 1000));
        assertThat(fast.consistencyProof(333, 1000)).isEqualTo(plain.consistencyProof(333, 1000));
        assertThat(fast.rootHash(1000)).isEqualTo(plain.rootHash(1000));
        assertThat(leafReads.get()).isLessThan(10);
    }

    @Test
    void theGeneratorRefusesImpossibleRequests() {
        ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(RfcReference.randomLeafHashes(new Random(1), 5)));
        assertThatThrownBy(() -> generator.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.inclusionProof(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.inclusionProof(0, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.consistencyProof(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.consistencyProof(1, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.rootHash(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(generator.consistencyProof(0, 0).path()).isEmpty();
        assertThat(generator.consistencyProof(3, 3).path()).isEmpty();
        assertThat(generator.consistencyProof(3, 3).verify(generator.rootHash(3), generator.rootHash(3))).isTrue();

        NodeSource broken = new NodeSource() {
            @Override
            public long size() {
                return 2;
            }

            @Override
            public byte[] leafHash(long index) {
                return new byte[3];
            }
        };
        assertThatThrownBy(() -> new ProofGenerator(broken).rootHash(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed");
    }

    /** All indexes below n if n is at most {@code all}, else the ends and {@code sample} random ones. */
    static TreeSet<Long> indexes(Random random, int n, int all, int sample) {
        TreeSet<Long> indexes = new TreeSet<>();
        if (n <= all) {
            for (long i = 0; i < n; i++) {
                indexes.add(i);
            }
        } else {
            indexes.add(0L);
            indexes.add(n - 1L);
            for (int s = 0; s < sample; s++) {
                indexes.add((long) random.nextInt(n));
            }
        }
        return indexes;
    }

    static byte[] flip(Random random, byte[] hash) {
        byte[] copy = hash.clone();
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    static List<byte[]> flipInList(Random random, List<byte[]> hashes, int index) {
        List<byte[]> copy = new ArrayList<>(hashes);
        copy.set(index, flip(random, hashes.get(index)));
        return copy;
    }

    static List<byte[]> withExtra(Random random, List<byte[]> hashes) {
        List<byte[]> copy = new ArrayList<>(hashes);
        byte[] extra = new byte[MerkleHash.SIZE];
        random.nextBytes(extra);
        copy.add(random.nextInt(copy.size() + 1), extra);
        return copy;
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
