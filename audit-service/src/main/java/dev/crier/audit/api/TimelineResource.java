package dev.crier.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

@Path("/v1/audit/posts")
public class TimelineResource {

    private final AuditLedger ledger;
    private final ObjectMapper json;

    public TimelineResource(AuditLedger ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    /** A post's timeline: every recorded event about it, in the order the ledger received them. */
    public record Timeline(String postId, List<Entry> records) {
    }

    public record Entry(long index, String eventId, String type, String topic, String source, Instant time,
                        Instant receivedAt, JsonNode data) {
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("auditor")
    @Operation(summary = "A post's timeline", description = "Every recorded event about the post, in ledger order.")
    public Timeline timeline(@PathParam("id") String id) {
        List<AuditRecord> records = PathIds.uuid(id).map(ledger::timeline).orElse(List.of());
        if (records.isEmpty()) {
            throw ProblemException.notFound("The ledger has no record of post " + id + ".");
        }
        return new Timeline(id, records.stream().map(this::entry).toList());
    }

    private Entry entry(AuditRecord r) {
        try {
            return new Entry(r.index(), r.eventId(), r.type(), r.topic(), r.source(), r.time(), r.receivedAt(),
                    json.readTree(r.payload()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
