package dev.crier.audit.domain.merkle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleHashTest {

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theEmptyTreeHashesToSha256OfNothing() {
        assertThat(MerkleHash.toHex(MerkleHash.emptyRoot())).isEqualTo(EMPTY_SHA256);
        assertThat(MerkleHash.toHex(CompactRange.empty().rootHash())).isEqualTo(EMPTY_SHA256);
        assertThat(MerkleHash.toHex(new ProofGenerator(new InMemoryNodeSource()).rootHash(0))).isEqualTo(EMPTY_SHA256);
        assertThat(MerkleHash.toHex(CompactRange.rootOf(List.of()))).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void emptyRootIsACopy() {
        MerkleHash.emptyRoot()[0] ^= 1;
        assertThat(MerkleHash.toHex(MerkleHash.emptyRoot())).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void leavesAndNodesHaveTheirPrefixes() {
        byte[] data = "crier".getBytes(StandardCharsets.UTF_8);
        assertThat(MerkleHash.leafHash(data)).isEqualTo(RfcReference.sha256(new byte[] {0x00}, data));
        byte[] left = MerkleHash.leafHash(new byte[] {1});
        byte[] right = MerkleHash.leafHash(new byte[] {2});
        assertThat(MerkleHash.nodeHash(left, right)).isEqualTo(RfcReference.sha256(new byte[] {0x01}, left, right));
        assertThat(MerkleHash.nodeHash(left, right)).isNotEqualTo(MerkleHash.nodeHash(right, left));
        assertThat(MerkleHash.toHex(MerkleHash.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void aOneLeafTreeHasTheLeafHashAsRoot() {
        byte[] leaf = "the only record".getBytes(StandardCharsets.UTF_8);
        byte[] expected = RfcReference.sha256(new byte[] {0x00}, leaf);
        CompactRange range = CompactRange.empty();
        range.append(MerkleHash.leafHash(leaf));
        assertThat(range.rootHash()).isEqualTo(expected);
        assertThat(new ProofGenerator(new InMemoryNodeSource(List.of(MerkleHash.leafHash(leaf)))).rootHash(1))
                .isEqualTo(expected);
        assertThat(MerkleVerifier.verifyInclusion(0, 1, expected, List.of(), expected)).isTrue();
    }

    /** The eight-leaf tree used by the Certificate Transparency reference tests (RFC 6962 and its successors). */
    @Test
    void theClassicEightLeafTreeHasItsWellKnownRoots() {
        String[] leaves = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f"};
        String[] roots = {
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
        CompactRange range = CompactRange.empty();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            byte[] hash = MerkleHash.leafHash(MerkleHash.fromHex(leaves[i]));
            hashes.add(hash);
            range.append(hash);
            assertThat(MerkleHash.toHex(range.rootHash())).as("root of size %d", i + 1).isEqualTo(roots[i]);
            assertThat(MerkleHash.toHex(new ProofGenerator(new InMemoryNodeSource(hashes)).rootHash(i + 1)))
                    .isEqualTo(roots[i]);
        }
    }

    @Test
    void comparesByContentAndNeverEqualsNull() {
        assertThat(MerkleHash.equal(MerkleHash.emptyRoot(), MerkleHash.emptyRoot())).isTrue();
        assertThat(MerkleHash.equal(null, null)).isFalse();
        assertThat(MerkleHash.equal(MerkleHash.emptyRoot(), null)).isFalse();
        assertThat(MerkleHash.isHash(new byte[32])).isTrue();
        assertThat(MerkleHash.isHash(new byte[31])).isFalse();
        assertThat(MerkleHash.isHash(null)).isFalse();
        assertThat(MerkleHash.fromHex(EMPTY_SHA256.toUpperCase())).isEqualTo(MerkleHash.emptyRoot());
    }
}
