package dev.crier.audit.api;

import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.merkle.ConsistencyProof;
import dev.crier.audit.domain.merkle.InclusionProof;
import dev.crier.audit.store.AuditLedger;
import dev.crier.platform.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Records by index and RFC 9162 proofs over them; every hash is base64. */
@Path("/v1/audit")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    /**
     * A record with its stored bytes and their leaf hash, SHA-256(0x00 || bytes); a decision's with whether its
     * signature verified when it arrived.
     */
    public record RecordView(long index, String eventId, String type, String topic, String postId, String source,
                             Instant time, Instant receivedAt, String bytes, String leafHash, String signatureCheck) {
        static RecordView of(AuditRecord r) {
            return new RecordView(r.index(), r.eventId(), r.type(), r.topic(), r.postId(), r.source(), r.time(),
                    r.receivedAt(), b64(r.payload()), b64(r.leafHash()), r.signatureCheck());
        }
    }

    public record InclusionView(long leafIndex, long treeSize, String leafHash, String rootHash, List<String> hashes) {
    }

    public record ConsistencyView(long fromSize, long toSize, String fromRootHash, String toRootHash,
                                  List<String> hashes) {
    }

    private final AuditLedger ledger;

    public ProofResource(AuditLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/records/{index}")
    @Operation(summary = "One record", description = "The record at an index, its stored bytes and its leaf hash.")
    public RecordView record(@PathParam("index") String index) {
        long i = Params.number("index", index, 0);
        return ledger.record(i).map(RecordView::of)
                .orElseThrow(() -> ProblemException.notFound("The ledger has no record " + i + "."));
    }

    @GET
    @Path("/proof/inclusion")
    @Operation(summary = "RFC 9162 inclusion proof", description = "The audit path of record index in the tree of "
            + "the first treeSize records.")
    public InclusionView inclusion(@QueryParam("index") String index, @QueryParam("treeSize") String treeSize) {
        long i = Params.number("index", index, 0);
        long size = withinLog("treeSize", Params.number("treeSize", treeSize, 1));
        if (i >= size) {
            throw Params.invalid("index", "must be below treeSize (" + size + ")");
        }
        InclusionProof proof = provable(() -> ledger.inclusionProof(i, size));
        byte[] leaf = ledger.record(i).orElseThrow().leafHash();
        return new InclusionView(i, size, b64(leaf), b64(provable(() -> ledger.rootHash(size))),
                proof.path().stream().map(ProofResource::b64).toList());
    }

    @GET
    @Path("/proof/consistency")
    @Operation(summary = "RFC 9162 consistency proof", description = "Proof that the tree of the first from records "
            + "is a prefix of the tree of the first to records.")
    public ConsistencyView consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        long f = Params.number("from", from, 1);
        long t = withinLog("to", Params.number("to", to, 1));
        if (f > t) {
            throw Params.invalid("from", "must not exceed to (" + t + ")");
        }
        ConsistencyProof proof = provable(() -> ledger.consistencyProof(f, t));
        return new ConsistencyView(f, t, b64(provable(() -> ledger.rootHash(f))), b64(provable(() -> ledger.rootHash(t))),
                proof.path().stream().map(ProofResource::b64).toList());
    }

    /** A proof over records that are missing or malformed cannot be made: the ledger was damaged from outside. */
    private static <T> T provable(java.util.function.Supplier<T> proof) {
        try {
            return proof.get();
        } catch (IllegalStateException e) {
            throw ProblemException.of(409, "ledger-damaged", "The ledger is damaged",
                    "No proof can be made: " + e.getMessage() + ". Run the verify command to see what changed.");
        }
    }

    private long withinLog(String name, long size) {
        long logSize = ledger.head().size();
        if (size > logSize) {
            throw Params.invalid(name, "must not exceed the log's size (" + logSize + ")");
        }
        return size;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
