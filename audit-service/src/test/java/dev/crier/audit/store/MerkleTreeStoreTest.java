package dev.crier.audit.store;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.merkle.InMemoryNodeSource;
import dev.crier.audit.domain.merkle.MerkleHash;
import dev.crier.audit.domain.merkle.ProofGenerator;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.infra.CrierTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree kept in the database matches the RFC 9162 tree of the stored bytes, and serves the same proofs. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class MerkleTreeStoreTest {

    @Inject
    AuditLedger ledger;

    @Inject
    AgroalDataSource db;

    @Test
    void theStoredTreeIsTheTreeOfTheStoredBytesAndServesTheSameProofs() throws SQLException {
        for (int batch = 0; batch < 6; batch++) {
            List<ReceivedEvent> events = IntStream.range(0, 100).mapToObj(i -> TestEvents.received()).toList();
            assertThat(ledger.appendAll(events)).hasSize(100);
        }
        TreeState head = ledger.head();
        InMemoryNodeSource expected = new InMemoryNodeSource();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT idx, payload, leaf_hash FROM audit_records WHERE idx < " + head.size() + " ORDER BY idx")) {
            while (rs.next()) {
                byte[] leafHash = MerkleHash.leafHash(rs.getBytes(2));
                assertThat(rs.getBytes(3)).as("leaf hash of record %d", rs.getLong(1)).isEqualTo(leafHash);
                expected.append(leafHash);
            }
        }
        assertThat(expected.size()).isEqualTo(head.size()).isGreaterThanOrEqualTo(600);
        ProofGenerator reference = new ProofGenerator(expected);
        assertThat(head.rootHash()).isEqualTo(reference.rootHash(head.size()));

        long size = head.size();
        List<Long> sizes = new ArrayList<>(List.of(1L, 2L, 255L, 256L, 257L, 512L, size - 1, size));
        for (long treeSize : sizes) {
            assertThat(ledger.rootHash(treeSize)).as("root of %d", treeSize).isEqualTo(reference.rootHash(treeSize));
            for (long index : List.of(0L, treeSize / 2, treeSize - 1)) {
                assertThat(ledger.inclusionProof(index, treeSize)).as("inclusion of %d in %d", index, treeSize)
                        .isEqualTo(reference.inclusionProof(index, treeSize));
            }
            for (long from : List.of(1L, treeSize / 3 + 1, treeSize)) {
                assertThat(ledger.consistencyProof(from, treeSize)).as("consistency %d to %d", from, treeSize)
                        .isEqualTo(reference.consistencyProof(from, treeSize));
            }
        }
    }

    @Test
    void perfectSubtreesOfAtLeast256LeavesAreStoredAsTheyComplete() throws SQLException {
        ledger.appendAll(IntStream.range(0, 300).mapToObj(i -> TestEvents.received()).toList());
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT min(level), count(*) FROM audit_tree_nodes WHERE level = 8 AND idx = 0")) {
            rs.next();
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(TreeStore.node(c, 8, 0)).hasValue(ledger.rootHash(256));
        }
    }
}
