package dev.crier.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.store.AuditLedger;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.util.List;

@Path("/v1/audit/posts")
public class TimelineResource {

    private final AuditLedger ledger;
    private final ObjectMapper json;

    public TimelineResource(AuditLedger ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "A post's timeline", description = "Every recorded event about the post, in ledger order, "
            + "with its payload exactly as the pipeline sent it.")
    @APIResponse(responseCode = "200", description = "The post's timeline")
    @APIResponse(responseCode = "404", description = "The ledger has no record of this post")
    public Timeline timeline(@PathParam("id") String id) {
        List<AuditRecord> records = PathIds.uuid(id).map(ledger::timeline).orElse(List.of());
        if (records.isEmpty()) {
            throw ProblemException.notFound("The ledger has no record of post " + id + ".");
        }
        return new Timeline(id, records.stream().map(this::entry).toList());
    }

    private TimelineEntry entry(AuditRecord r) {
        try {
            return new TimelineEntry(r.index(), r.eventId(), r.type(), r.topic(), r.source(), r.time(), r.receivedAt(),
                    json.readTree(r.payload()), r.signatureCheck());
        } catch (IOException e) {
            // Only valid events are appended, so a payload that is not JSON was not written by this service.
            throw new IllegalStateException("record " + r.index() + " does not hold JSON", e);
        }
    }
}
