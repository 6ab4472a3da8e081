package dev.crier.audit.api;

import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.messaging.Checkpointer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Base64;

@Path("/v1/audit/checkpoint")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    /** A checkpoint as served: {@code note} is the whole C2SP signed note, {@code rootHash} base64. */
    public record CheckpointView(String origin, long treeSize, String rootHash, String note, Instant issuedAt) {
        static CheckpointView of(SignedCheckpoint s) {
            return new CheckpointView(s.checkpoint().origin(), s.checkpoint().size(),
                    Base64.getEncoder().encodeToString(s.checkpoint().rootHash()), s.note(), s.issuedAt());
        }
    }

    /** The C2SP verifier key ({@code name+keyhash+base64(0x01 || Ed25519 public key)}) that checks the notes. */
    public record KeyView(String origin, String verifierKey) {
    }

    private final Checkpointer checkpointer;

    public CheckpointResource(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    @GET
    @Operation(summary = "The latest signed checkpoint", description = "The signed checkpoint of the whole log as it "
            + "is now (C2SP tlog-checkpoint, Ed25519).")
    public CheckpointView latest() {
        return CheckpointView.of(checkpointer.current());
    }

    @GET
    @Path("/key")
    @Operation(summary = "The checkpoint verifier key", description = "Pin it once; every later checkpoint must be "
            + "signed by it.")
    public KeyView key() {
        return new KeyView(checkpointer.current().checkpoint().origin(), checkpointer.verifierKey());
    }
}
