package dev.crier.publish.api;

import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.platforms.SandboxConnector;
import dev.crier.publish.store.SandboxPost;
import dev.crier.publish.store.SandboxPostStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the sandbox platform holds, for people who follow a post without access to a real platform. */
@Path("/v1/sandbox/posts")
public class SandboxPostsResource {

    private static final int MAX_LIMIT = 500;

    private final SandboxPostStore store;

    public SandboxPostsResource(SandboxPostStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ops", "auditor", "reviewer", "comms-head", "submitter"})
    @Operation(summary = "Posts on the sandbox platform", description = "Newest first; with postId, only that post's.")
    @APIResponse(responseCode = "200", description = "The posts")
    @APIResponse(responseCode = "400", description = "postId is not a UUID, or limit is not between 1 and 500")
    public List<SandboxPostView> list(@QueryParam("postId") String postId,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("'limit' must be between 1 and " + MAX_LIMIT + ".",
                    List.of(new Problem.FieldError("limit", "between 1 and " + MAX_LIMIT)));
        }
        Optional<String> key = Optional.ofNullable(postId).map(id -> keyOf(parse(id)));
        return store.newest(key, limit).stream().map(SandboxPostsResource::view).toList();
    }

    private static SandboxPostView view(SandboxPost post) {
        return new SandboxPostView(post.id().toString(), post.text(), post.language(), post.createdAt(),
                postIdOf(post.idempotencyKey()));
    }

    /** The key Crier sends the sandbox for a post (see {@link PublishRequest#idempotencyKey}). */
    private static String keyOf(UUID postId) {
        return PublishRequest.idempotencyKey(postId.toString(), SandboxConnector.PLATFORM);
    }

    /** The Crier post a sandbox post publishes, when it came from Crier (its key is {@code <postId>:sandbox}). */
    private static String postIdOf(String idempotencyKey) {
        String suffix = ":" + SandboxConnector.PLATFORM;
        if (idempotencyKey == null || !idempotencyKey.endsWith(suffix)) {
            return null;
        }
        String candidate = idempotencyKey.substring(0, idempotencyKey.length() - suffix.length());
        try {
            return UUID.fromString(candidate).toString();
        } catch (IllegalArgumentException notCrier) {
            return null;
        }
    }

    private static UUID parse(String postId) {
        try {
            return UUID.fromString(postId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'postId' must be a UUID.",
                    List.of(new Problem.FieldError("postId", "must be a UUID")));
        }
    }
}
