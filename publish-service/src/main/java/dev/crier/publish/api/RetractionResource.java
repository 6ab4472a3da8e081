package dev.crier.publish.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.PostRetracted;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.publish.domain.Retractor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * Retraction: a comms-head takes a published post down everywhere it was published, with a reason on record.
 *
 * <p>The retraction and its posts.retracted event are saved in one transaction (the event through the outbox),
 * then the outbox is flushed. 200: the retraction is recorded and Kafka has the event. 202: the retraction is
 * recorded (the platforms' deletes are done and the body says how each went) but Kafka did not take the event yet;
 * it is kept and the outbox relay sends it as soon as Kafka is back, so asking again is not needed (and answers
 * 409 already-retracted). A 503 would be untrue there: the retraction has happened and cannot be undone by a retry.
 */
@Path("/v1/posts/{id}/retract")
public class RetractionResource {

    private static final int MAX_REASON = 2000;

    private final Retractor retractor;
    private final OutboxRelay relay;
    private final JsonWebToken caller;
    private final ObjectMapper json;

    public RetractionResource(Retractor retractor, OutboxRelay relay, JsonWebToken caller, ObjectMapper json) {
        this.retractor = retractor;
        this.relay = relay;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("comms-head")
    @Operation(summary = "Retract a published post", description = "Deletes the post on every platform where it was "
            + "published, through each platform's delete API, and records each answer together with the "
            + "dev.crier.post.retracted event (one transaction), which is then sent to Kafka. When Kafka does not take "
            + "the event at once, the answer is 202: the retraction is recorded and the event is sent as soon as Kafka "
            + "is back; there is nothing to retry.")
    @APIResponse(responseCode = "200", description = "Each platform's answer (retracted=false carries the platform's "
            + "message); the event is on Kafka", content = @Content(schema = @Schema(implementation = PostRetracted.class)))
    @APIResponse(responseCode = "202", description = "The same answer, recorded; the event is kept and sent once Kafka "
            + "is back", content = @Content(schema = @Schema(implementation = PostRetracted.class)))
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such post")
    @APIResponse(responseCode = "409", description = "Not published anywhere, or already retracted everywhere")
    public Response retract(@PathParam("id") String id, String body) {
        String reason = reasonOf(body);
        String postId = PathIds.uuid(id).map(Object::toString)
                .orElseThrow(() -> ProblemException.notFound("publish-service holds no post " + id + "."));
        PostRetracted retraction;
        try {
            retraction = retractor.retract(postId, reason, caller.getName());
        } catch (Retractor.RefusedException e) {
            throw switch (e.reason()) {
                case UNKNOWN_POST -> ProblemException.notFound(e.getMessage());
                case NOT_PUBLISHED -> ProblemException.of(409, "not-published", "The post is not published", e.getMessage());
                case ALREADY_RETRACTED -> ProblemException.of(409, "already-retracted", "The post is already retracted", e.getMessage());
            };
        }
        boolean sent = relay.flush();
        return Response.status(sent ? Response.Status.OK : Response.Status.ACCEPTED).entity(retraction).build();
    }

    private String reasonOf(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("The body is not JSON.", List.of(new Problem.FieldError("$", "is not JSON")));
        }
        JsonNode reason = node == null ? null : node.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            throw ProblemException.invalid("'reason' is required: say why the post is retracted.",
                    List.of(new Problem.FieldError("reason", "is required")));
        }
        if (reason.asText().length() > MAX_REASON) {
            throw ProblemException.invalid("'reason' is too long.",
                    List.of(new Problem.FieldError("reason", "at most " + MAX_REASON + " characters")));
        }
        return reason.asText().strip();
    }
}
