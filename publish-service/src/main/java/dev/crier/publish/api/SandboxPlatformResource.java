package dev.crier.publish.api;

import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.publish.config.SandboxApiKey;
import dev.crier.publish.domain.platforms.SandboxConnector;
import dev.crier.publish.store.SandboxPost;
import dev.crier.publish.store.SandboxPostStore;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;

/**
 * The sandbox: a social platform played by publish-service itself, so that the whole flow runs without any real
 * platform's credentials. Like a real platform it is called over HTTP and checks its own credential (the
 * {@code X-Sandbox-Key} header), not Crier's tokens; like a careful one it posts once per idempotency key.
 */
@Path(SandboxConnector.STATUSES_PATH)
@PermitAll
public class SandboxPlatformResource {

    private static final int MAX_TEXT = SandboxConnector.MAX_LENGTH;
    private static final int MAX_KEY = 255;

    private final SandboxPostStore store;
    private final SandboxApiKey apiKey;

    public SandboxPlatformResource(SandboxPostStore store, SandboxApiKey apiKey) {
        this.store = store;
        this.apiKey = apiKey;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post to the sandbox platform", description = "Authenticated by the platform credential "
            + "in X-Sandbox-Key, not by a Crier token. The same idempotencyKey again returns the existing post.")
    @APIResponse(responseCode = "201", description = "Posted")
    @APIResponse(responseCode = "200", description = "Already posted with this idempotencyKey; nothing new stored")
    @APIResponse(responseCode = "400", description = "No text, or a field too long")
    @APIResponse(responseCode = "401", description = "X-Sandbox-Key is missing or wrong")
    public Response post(@HeaderParam(SandboxConnector.KEY_HEADER) String key, SandboxStatusRequest request,
                         @Context UriInfo uri) {
        authenticate(key);
        validate(request);
        var saved = store.save(request.text(), request.language(), request.idempotencyKey());
        SandboxPost post = saved.post();
        URI location = uri.getBaseUriBuilder().path(SandboxConnector.STATUSES_PATH).path(post.id().toString()).build();
        var body = new SandboxStatus(post.id().toString(), location.toString(), null, null, null);
        return saved.created() ? Response.created(location).entity(body).build() : Response.ok(body).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A post on the sandbox platform", description = "The address a published post's url names.")
    @APIResponse(responseCode = "200", description = "The post")
    @APIResponse(responseCode = "401", description = "X-Sandbox-Key is missing or wrong")
    @APIResponse(responseCode = "404", description = "No such post")
    public SandboxStatus get(@HeaderParam(SandboxConnector.KEY_HEADER) String key, @PathParam("id") String id,
                             @Context UriInfo uri) {
        authenticate(key);
        SandboxPost post = PathIds.uuid(id).flatMap(store::find)
                .orElseThrow(() -> ProblemException.notFound("The sandbox holds no post " + id + "."));
        return new SandboxStatus(post.id().toString(), uri.getAbsolutePath().toString(), post.text(), post.language(),
                post.createdAt());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a post on the sandbox platform", description = "What a retraction calls.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "X-Sandbox-Key is missing or wrong")
    @APIResponse(responseCode = "404", description = "No such post")
    public void delete(@HeaderParam(SandboxConnector.KEY_HEADER) String key, @PathParam("id") String id) {
        authenticate(key);
        if (!PathIds.uuid(id).map(store::delete).orElse(false)) {
            throw ProblemException.notFound("The sandbox holds no post " + id + ".");
        }
    }

    private void authenticate(String key) {
        if (!apiKey.matches(key)) {
            throw ProblemException.of(401, "unauthorized", "Authentication required",
                    "Send the sandbox platform's API key in the " + SandboxConnector.KEY_HEADER + " header.");
        }
    }

    private static void validate(SandboxStatusRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw ProblemException.invalid("'text' is required.", List.of(new Problem.FieldError("text", "is required")));
        }
        if (request.text().length() > MAX_TEXT) {
            throw ProblemException.invalid("'text' is too long.",
                    List.of(new Problem.FieldError("text", "at most " + MAX_TEXT + " characters")));
        }
        if (request.idempotencyKey() != null && request.idempotencyKey().length() > MAX_KEY) {
            throw ProblemException.invalid("'idempotencyKey' is too long.",
                    List.of(new Problem.FieldError("idempotencyKey", "at most " + MAX_KEY + " characters")));
        }
    }
}
