package dev.crier.audit.api;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.checkpoint.NoteSigner;
import dev.crier.audit.domain.merkle.MerkleHash;
import dev.crier.audit.domain.merkle.MerkleVerifier;
import dev.crier.audit.store.AuditLedger;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Signed checkpoints (served and published), records by index, and proofs that verify against the checkpoint. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class ProofResourceTest {

    @Inject
    AuditLedger ledger;

    static JsonPath get(String path) {
        return TimelineResourceTest.as("auditor").get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void checkpointsAreSignedPublishedAndProveEveryRecordAndEveryPrefix() {
        ledger.appendAll(IntStream.range(0, 40).mapToObj(i -> TestEvents.received()).toList());
        long size = ledger.head().size();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/v1/audit/checkpoint").getLong("treeSize") >= size);
        JsonPath checkpoint = get("/v1/audit/checkpoint");
        String verifierKey = get("/v1/audit/checkpoint/key").getString("verifierKey");
        String note = checkpoint.getString("note");
        Checkpoint signed = Checkpoint.parse(NoteSigner.verify(note, verifierKey));
        long treeSize = signed.size();
        assertThat(checkpoint.getString("rootHash")).isEqualTo(Base64.getEncoder().encodeToString(signed.rootHash()));
        assertThat(signed.rootHash()).isEqualTo(ledger.rootHash(treeSize));

        var published = new TopicReader(CrierTestResource.infra().kafka()).read(
                Topics.AUDIT_CHECKPOINTS, r -> r.value().contains("\"treeSize\":" + treeSize), 1, Duration.ofSeconds(30));
        assertThat(published.get(0).key()).isEqualTo(signed.origin());
        assertThat(JsonPath.from(published.get(0).value()).getString("note")).isEqualTo(note);

        for (long index : List.of(0L, treeSize / 2, treeSize - 1)) {
            JsonPath record = get("/v1/audit/records/" + index);
            byte[] leafHash = MerkleHash.leafHash(Base64.getDecoder().decode(record.getString("bytes")));
            assertThat(record.getString("leafHash")).isEqualTo(Base64.getEncoder().encodeToString(leafHash));
            JsonPath proof = get("/v1/audit/proof/inclusion?index=" + index + "&treeSize=" + treeSize);
            assertThat(MerkleVerifier.verifyInclusion(index, treeSize, leafHash, hashes(proof), signed.rootHash()))
                    .as("inclusion of %d", index).isTrue();
        }
        for (long from : List.of(1L, treeSize / 2, treeSize)) {
            JsonPath proof = get("/v1/audit/proof/consistency?from=" + from + "&to=" + treeSize);
            byte[] fromRoot = Base64.getDecoder().decode(proof.getString("fromRootHash"));
            assertThat(fromRoot).isEqualTo(ledger.rootHash(from));
            assertThat(MerkleVerifier.verifyConsistency(from, treeSize, hashes(proof), fromRoot, signed.rootHash()))
                    .as("consistency from %d", from).isTrue();
        }
    }

    @Test
    void badOrOutOfRangeParametersAreProblemsNeverErrors() {
        ledger.append(TestEvents.received());
        long size = ledger.head().size();
        for (String query : List.of("/v1/audit/proof/inclusion?treeSize=1", "/v1/audit/proof/inclusion?index=x&treeSize=1",
                "/v1/audit/proof/inclusion?index=-1&treeSize=1", "/v1/audit/proof/inclusion?index=0&treeSize=0",
                "/v1/audit/proof/inclusion?index=1&treeSize=1",
                "/v1/audit/proof/inclusion?index=0&treeSize=" + (size + 1),
                "/v1/audit/proof/inclusion?index=0&treeSize=99999999999999999999",
                "/v1/audit/proof/consistency?from=0&to=1", "/v1/audit/proof/consistency?from=2&to=1",
                "/v1/audit/proof/consistency?from=1", "/v1/audit/proof/consistency?from=1&to=" + (size + 1),
                "/v1/audit/records/-1", "/v1/audit/records/abc")) {
            TimelineResourceTest.as("auditor").get(query).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(" "));
        }
        TimelineResourceTest.as("auditor").get("/v1/audit/records/" + Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not found"));
        TimelineResourceTest.as("submitter").get("/v1/audit/checkpoint").then().statusCode(403);
        TimelineResourceTest.as("ops").get("/v1/audit/proof/consistency?from=1&to=1").then().statusCode(403);
    }

    private static List<byte[]> hashes(JsonPath proof) {
        return proof.getList("hashes", String.class).stream().map(Base64.getDecoder()::decode).toList();
    }
}
