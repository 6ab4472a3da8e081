package dev.crier.audit.domain.merkle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactRangeTest {

    @Test
    void theIncrementalRootEqualsTheRootComputedFromScratchAtEverySizeUpTo300() {
        for (long seed = 1; seed <= 3; seed++) {
            List<byte[]> leaves = RfcReference.randomLeafHashes(new Random(seed), 300);
            ProofGenerator generator = new ProofGenerator(new InMemoryNodeSource(leaves));
            CompactRange range = CompactRange.empty();
            for (int n = 1; n <= leaves.size(); n++) {
                assertThat(range.append(leaves.get(n - 1))).isEqualTo(n - 1);
                assertThat(range.size()).isEqualTo(n);
                byte[] expected = RfcReference.mth(leaves.subList(0, n));
                assertThat(range.rootHash()).as("seed %d size %d", seed, n).isEqualTo(expected);
                assertThat(generator.rootHash(n)).as("seed %d size %d", seed, n).isEqualTo(expected);
                assertThat(range.state().border()).hasSize(Long.bitCount(n));
            }
            assertThat(CompactRange.rootOf(leaves)).isEqualTo(RfcReference.mth(leaves));
        }
    }

    @Test
    void largeTreesAgreeToo() {
        Random random = new Random(42);
        for (int n : new int[] {1024, 4097, 65_537}) {
            List<byte[]> leaves = RfcReference.randomLeafHashes(random, n);
            byte[] expected = RfcReference.mth(leaves);
            assertThat(CompactRange.rootOf(leaves)).as("size %d", n).isEqualTo(expected);
            assertThat(new ProofGenerator(new InMemoryNodeSource(leaves)).rootHash(n)).isEqualTo(expected);
        }
    }

    @Test
    void aRestoredTreeGrowsExactlyLikeOneThatNeverStopped() {
        Random random = new Random(7);
        List<byte[]> leaves = RfcReference.randomLeafHashes(random, 300);
        CompactRange continuous = CompactRange.empty();
        List<byte[]> roots = new ArrayList<>();
        List<TreeState> states = new ArrayList<>();
        roots.add(continuous.rootHash());
        states.add(continuous.state());
        for (byte[] leaf : leaves) {
            continuous.append(leaf);
            roots.add(continuous.rootHash());
            states.add(continuous.state());
        }
        List<Integer> stops = new ArrayList<>();
        for (int s = 0; s <= 70; s++) {
            stops.add(s);
        }
        for (int i = 0; i < 20; i++) {
            stops.add(70 + random.nextInt(231));
        }
        stops.add(300);
        for (int stop : stops) {
            TreeState saved = states.get(stop);
            // What a store would keep: the size and plain copies of the border hashes.
            TreeState reloaded = new TreeState(saved.size(), saved.border().stream().map(byte[]::clone).toList());
            assertThat(reloaded).isEqualTo(saved).hasSameHashCodeAs(saved);
            assertThat(reloaded.rootHash()).isEqualTo(roots.get(stop));
            CompactRange restored = CompactRange.restore(reloaded);
            assertThat(restored.size()).isEqualTo(stop);
            assertThat(restored.rootHash()).as("restored at %d", stop).isEqualTo(roots.get(stop));
            for (int n = stop + 1; n <= leaves.size(); n++) {
                restored.append(leaves.get(n - 1));
                assertThat(restored.rootHash()).as("restored at %d, grown to %d", stop, n).isEqualTo(roots.get(n));
            }
            assertThat(restored.state()).isEqualTo(states.get(leaves.size()));
        }
    }

    @Test
    void theStateIsAnIndependentCopy() {
        CompactRange range = CompactRange.empty();
        byte[] leaf = MerkleHash.leafHash(new byte[] {1});
        range.append(leaf);
        byte[] root = range.rootHash();
        leaf[0] ^= 1;
        range.state().border().get(0)[0] ^= 1;
        range.rootHash()[0] ^= 1;
        assertThat(range.rootHash()).isEqualTo(root);
    }

    @Test
    void malformedStatesAndLeavesAreRefused() {
        byte[] hash = new byte[32];
        assertThatThrownBy(() -> new TreeState(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeState(3, List.of(hash))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("border of 2 hashes");
        assertThatThrownBy(() -> new TreeState(1, List.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TreeState(1, null)).isInstanceOf(NullPointerException.class);
        assertThat(new TreeState(5, List.of(hash, hash)).size()).isEqualTo(5);
        assertThat(TreeState.empty().rootHash()).isEqualTo(MerkleHash.emptyRoot());
        CompactRange range = CompactRange.empty();
        assertThatThrownBy(() -> range.append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> range.append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(range.size()).isZero();
    }
}
