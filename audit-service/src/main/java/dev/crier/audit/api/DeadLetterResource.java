package dev.crier.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.audit.messaging.DeadLetterDesk;
import dev.crier.events.DeadLetterHandled;
import dev.crier.events.Topics;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.api.StrictJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * The dead-letter desk for ops: what each dead-letter topic holds, one record, and replaying or discarding it.
 * {@code {topic}} is the topic the records were dead-lettered from ({@code drafts.submitted}, not its {@code .dlq}).
 */
@Path("/v1/dead-letters")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    /** A topic's newest dead-lettered records, newest first. */
    public record Listing(String topic, String deadLetterTopic, int newestPerPartition,
                          List<DeadLetterDesk.Entry> records) {
    }

    private final DeadLetterDesk desk;
    private final JsonWebToken caller;

    public DeadLetterResource(DeadLetterDesk desk, JsonWebToken caller) {
        this.desk = desk;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every dead-letter topic", description = "Each event topic's dead-letter topic: the records it "
            + "holds, and those nobody has replayed or discarded yet.")
    public List<DeadLetterDesk.TopicSummary> topics() {
        return desk.topics();
    }

    @GET
    @Path("/{topic}")
    @Operation(summary = "A topic's dead-lettered records", description = "The newest 100 of each partition, newest "
            + "first, with their reason and what was done with them; keys and reasons masked.")
    @APIResponse(responseCode = "404", description = "No such topic")
    public Listing records(@PathParam("topic") String topic) {
        return new Listing(topic, Topics.deadLetter(topic), DeadLetterDesk.NEWEST, desk.newest(topic));
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    @Operation(summary = "One dead-lettered record", description = "Its headers and value, personal information and "
            + "secrets masked.")
    @APIResponse(responseCode = "404", description = "No such topic, or no such record in its dead-letter topic")
    public DeadLetterDesk.Entry record(@PathParam("topic") String topic, @PathParam("partition") String partition,
                                       @PathParam("offset") String offset) {
        return desk.one(topic, (int) number(partition, "partition", Integer.MAX_VALUE), number(offset, "offset", Long.MAX_VALUE));
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replay a record to its topic", description = "Optional body {\"reason\": \"...\"}. The "
            + "topic's owner sends the record back as it was, marked as a replay; its consumers apply a valid event "
            + "once. Recorded in the audit ledger.")
    @APIResponse(responseCode = "202", description = "Accepted: the replay's event is on its way to the owner")
    @APIResponse(responseCode = "409", description = "The record was replayed or discarded already")
    public Response replay(@PathParam("topic") String topic, @PathParam("partition") String partition,
                                              @PathParam("offset") String offset, byte[] body) {
        return handle(topic, partition, offset, DeadLetterHandled.Action.REPLAY, body);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/discard")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Discard a record", description = "Body {\"reason\": \"...\"}, required. Recorded in the "
            + "audit ledger; the record stays in its dead-letter topic, marked as discarded.")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "409", description = "The record was replayed or discarded already")
    public Response discard(@PathParam("topic") String topic, @PathParam("partition") String partition,
                                               @PathParam("offset") String offset, byte[] body) {
        return handle(topic, partition, offset, DeadLetterHandled.Action.DISCARD, body);
    }

    private Response handle(String topic, String partition, String offset,
                                               DeadLetterHandled.Action action, byte[] body) {
        DeadLetterDesk.Handling done = desk.handle(topic, (int) number(partition, "partition", Integer.MAX_VALUE), number(offset, "offset", Long.MAX_VALUE),
                action, reasonIn(body), caller.getSubject());
        return Response.accepted(done).build();
    }

    private static String reasonIn(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        JsonNode json = StrictJson.read(body);
        JsonNode reason = json.path("reason");
        if (!json.isObject() || !(reason.isMissingNode() || reason.isNull() || reason.isTextual())) {
            throw ProblemException.invalid("The body must be {\"reason\": \"...\"}.",
                    List.of(new Problem.FieldError("reason", "must be text")));
        }
        return reason.isTextual() ? reason.asText() : null;
    }

    private static long number(String text, String name, long max) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.notFound("No " + name + " " + text + ": it must be a whole number, 0 or more.");
    }
}
