package dev.crier.audit.domain.merkle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Malformed input is answered with false, never with an exception. */
class MerkleVerifierTest {

    final Random random = new Random(99);
    final List<byte[]> leaves = RfcReference.randomLeafHashes(random, 7);
    final ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(leaves));
    final byte[] root = generator.rootHash(7);

    @Test
    void missingPartsAreRejected() {
        List<byte[]> path = generator.inclusionProof(3, 7).path();
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), path, root)).isTrue();
        assertThat(MerkleVerifier.verifyInclusion(3, 7, null, path, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), null, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), path, null)).isFalse();
        List<byte[]> withNull = new ArrayList<>(path);
        withNull.set(1, null);
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), withNull, root)).isFalse();

        List<byte[]> consistency = generator.consistencyProof(3, 7).path();
        byte[] root3 = generator.rootHash(3);
        assertThat(MerkleVerifier.verifyConsistency(3, 7, consistency, root3, root)).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(3, 7, null, root3, root)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(3, 7, consistency, null, root)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(3, 7, consistency, root3, null)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(3, 7, Arrays.asList(consistency.get(0), null), root3, root))
                .isFalse();
        assertThat(MerkleVerifier.verifyConsistency(3, 7, List.of(), root3, root)).isFalse();
    }

    @Test
    void hashesOfTheWrongLengthAreRejected() {
        List<byte[]> path = new ArrayList<>(generator.inclusionProof(3, 7).path());
        byte[] longer = Arrays.copyOf(path.get(0), 33);
        path.set(0, longer);
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), path, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(3, 7, Arrays.copyOf(leaves.get(3), 31),
                generator.inclusionProof(3, 7).path(), root)).isFalse();
        // A one-leaf tree: the root is the leaf hash, which must still be a hash.
        assertThat(MerkleVerifier.verifyInclusion(0, 1, new byte[0], List.of(), new byte[0])).isFalse();
        byte[] root4 = generator.rootHash(4);
        List<byte[]> proof = generator.consistencyProof(4, 7).path();
        assertThat(MerkleVerifier.verifyConsistency(4, 7, proof, root4, root)).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(4, 7, proof, Arrays.copyOf(root4, 31), root)).isFalse();
    }

    @Test
    void sizesOutOfRangeAreRejected() {
        byte[] leaf = leaves.get(0);
        List<byte[]> path = generator.inclusionProof(0, 7).path();
        for (long[] sizes : new long[][] {{-1, 7}, {7, 7}, {8, 7}, {0, 0}, {0, -1}, {Long.MIN_VALUE, 7},
                {0, Long.MAX_VALUE}, {Long.MAX_VALUE - 1, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}}) {
            assertThat(MerkleVerifier.verifyInclusion(sizes[0], sizes[1], leaf, path, root))
                    .as("leaf %d of %d", sizes[0], sizes[1]).isFalse();
        }
        List<byte[]> proof = generator.consistencyProof(3, 7).path();
        byte[] root3 = generator.rootHash(3);
        for (long[] sizes : new long[][] {{-1, 7}, {3, -7}, {8, 7}, {0, 7}, {Long.MIN_VALUE, 7},
                {1, Long.MAX_VALUE}, {Long.MAX_VALUE - 1, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MIN_VALUE}}) {
            assertThat(MerkleVerifier.verifyConsistency(sizes[0], sizes[1], proof, root3, root))
                    .as("from %d to %d", sizes[0], sizes[1]).isFalse();
        }
    }

    @Test
    void equalAndEmptySizesFollowTheRules() {
        byte[] empty = MerkleHash.emptyRoot();
        assertThat(MerkleVerifier.verifyConsistency(0, 0, List.of(), empty, empty)).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(0, 0, List.of(), root, root)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(0, 0, List.of(empty), empty, empty)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(7, 7, List.of(), root, root)).isTrue();
        assertThat(MerkleVerifier.verifyConsistency(7, 7, List.of(), root, empty)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(7, 7, List.of(root), root, root)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(0, 7, List.of(), empty, root)).isFalse();
        assertThat(MerkleVerifier.verifyConsistency(0, 7, List.of(root), empty, root)).isFalse();
        assertThat(MerkleVerifier.verifyInclusion(0, 0, leaves.get(0), List.of(), empty)).isFalse();
    }

    /**
     * RFC 9162 hashes no size into the tree, so an inclusion proof only proves a position relative to its root: the
     * path of leaf 0 in a tree of 3 also fits a claimed size of 4. Sizes must come signed together with the root
     * (a checkpoint); with the size-4 root the same proof fails.
     */
    @Test
    void theTreeSizeIsOnlyAsTrustworthyAsTheRootItComesWith() {
        List<byte[]> path = generator.inclusionProof(0, 3).path();
        assertThat(MerkleVerifier.verifyInclusion(0, 3, leaves.get(0), path, generator.rootHash(3))).isTrue();
        assertThat(MerkleVerifier.verifyInclusion(0, 4, leaves.get(0), path, generator.rootHash(3))).isTrue();
        assertThat(MerkleVerifier.verifyInclusion(0, 4, leaves.get(0), path, generator.rootHash(4))).isFalse();
    }

    @Test
    void overlongProofsAreRejected() {
        List<byte[]> path = new ArrayList<>(generator.inclusionProof(3, 7).path());
        List<byte[]> padding = Collections.nCopies(200, new byte[32]);
        List<byte[]> longInclusion = new ArrayList<>(path);
        longInclusion.addAll(padding);
        assertThat(MerkleVerifier.verifyInclusion(3, 7, leaves.get(3), longInclusion, root)).isFalse();
        List<byte[]> longConsistency = new ArrayList<>(generator.consistencyProof(3, 7).path());
        longConsistency.addAll(padding);
        assertThat(MerkleVerifier.verifyConsistency(3, 7, longConsistency, generator.rootHash(3), root)).isFalse();
    }

    @Test
    void randomGarbageNeverThrowsAndIsNeverAccepted() {
        long[] interesting = {-2, -1, 0, 1, 2, 3, 4, 7, 8, 9, 1L << 31, 1L << 32, (1L << 62) + 1, Long.MAX_VALUE - 1,
                Long.MAX_VALUE, Long.MIN_VALUE};
        for (int round = 0; round < 20_000; round++) {
            long a = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(300);
            long b = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(300);
            List<byte[]> proof = new ArrayList<>();
            int length = random.nextInt(70);
            for (int i = 0; i < length; i++) {
                proof.add(randomBytes(random.nextInt(10) == 0 ? random.nextInt(40) : 32));
            }
            byte[] hash1 = randomBytes(32);
            byte[] hash2 = randomBytes(random.nextInt(10) == 0 ? 0 : 32);
            assertThatCode(() -> {
                assertThat(MerkleVerifier.verifyInclusion(a, b, hash1, proof, hash2)).isFalse();
                assertThat(MerkleVerifier.verifyConsistency(a, b, proof, hash1, hash2)).isFalse();
            }).as("round %d: %d, %d, %d hashes", round, a, b, length).doesNotThrowAnyException();
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
