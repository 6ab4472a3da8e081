package dev.crier.publish.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostRetracted;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.messaging.EventSender;
import dev.crier.publish.domain.Retractor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** Retraction: a comms-head takes a published post down everywhere it was published, with a reason on record. */
@Path("/v1/posts/{id}/retract")
public class RetractionResource {

    private static final int MAX_REASON = 2000;

    private final Retractor retractor;
    private final EventSender sender;
    private final JsonWebToken caller;
    private final ObjectMapper json;
    private final String source;

    public RetractionResource(Retractor retractor, EventSender sender, JsonWebToken caller, ObjectMapper json,
                              @ConfigProperty(name = "crier.events.source") String source) {
        this.retractor = retractor;
        this.sender = sender;
        this.caller = caller;
        this.json = json;
        this.source = source;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("comms-head")
    @Operation(summary = "Retract a published post", description = "Deletes the post on every platform where it was "
            + "published, through each platform's delete API, records each answer and emits dev.crier.post.retracted.")
    @APIResponse(responseCode = "200", description = "Each platform's answer; retracted=false carries the platform's message")
    @APIResponse(responseCode = "400", description = "No reason given")
    @APIResponse(responseCode = "404", description = "No such post")
    @APIResponse(responseCode = "409", description = "Not published anywhere, or already retracted everywhere")
    public PostRetracted retract(@PathParam("id") String id, String body) {
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
        sender.send(Event.of(EventType.POST_RETRACTED, source, postId, retraction.retractedAt().toString(),
                retraction.retractedAt(), retraction));
        return retraction;
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
