package dev.crier.policy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.Problem;
import dev.crier.platform.api.ProblemException;
import dev.crier.platform.api.StrictJson;
import dev.crier.policy.ReviewQueue;
import dev.crier.policy.domain.policy.Durations;
import dev.crier.policy.domain.review.Judgement;
import dev.crier.policy.domain.review.ReviewCase;
import dev.crier.policy.domain.review.Ruling;
import dev.crier.policy.store.ReviewStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"reviewer", "comms-head"})
public class ReviewResource {

    static final String COMMS_HEAD = "comms-head";
    private static final Set<String> DECISION_FIELDS = Set.of("decision", "reason", "publishAt");

    private final ReviewQueue queue;
    private final ReviewStore store;
    private final JsonWebToken caller;
    private final Clock clock;

    public ReviewResource(ReviewQueue queue, ReviewStore store, JsonWebToken caller, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The review queue, most urgent first",
            description = "health-safety drafts first, then the nearest publishAt, then the longest waiting. "
                    + "status defaults to PENDING; olderThan (30m, 4h, 1d) keeps drafts waiting at least that long.")
    @APIResponse(responseCode = "400", description = "A filter is not valid")
    public List<ReviewViews.Summary> list(@QueryParam("status") String status, @QueryParam("category") String category,
                                          @QueryParam("platform") String platform, @QueryParam("department") String department,
                                          @QueryParam("olderThan") String olderThan, @QueryParam("limit") Integer limit) {
        return store.list(filter(status, category, platform, department, olderThan, limit, clock.instant()))
                .stream().map(ReviewViews.Summary::of).toList();
    }

    @GET
    @Path("/{postId}")
    @Operation(summary = "One review: the draft, its findings with their spans, the policy version and the history")
    @APIResponse(responseCode = "404", description = "No such draft in review")
    public ReviewViews.Detail get(@PathParam("postId") String postId) {
        return ReviewViews.Detail.of(PathIds.uuid(postId).flatMap(store::find).orElseThrow(() -> unknown(postId)));
    }

    @POST
    @Path("/{postId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve, reject or request changes",
            description = "{\"decision\": \"APPROVE\"|\"REJECT\"|\"REQUEST_CHANGES\", \"reason\": \"...\", \"publishAt\": \"...\"}; "
                    + "a reason is required to reject or request changes; only a comms-head may give a new publishAt. "
                    + "Answered once Kafka has the outcome's event.")
    @APIResponse(responseCode = "200", description = "Decided, and the outcome's event is on Kafka")
    @APIResponse(responseCode = "202", description = "Decided and recorded; its event is sent as soon as Kafka takes it")
    @APIResponse(responseCode = "403", description = "The caller wrote the draft, or the policy needs a comms-head")
    @APIResponse(responseCode = "404", description = "No such draft in review")
    @APIResponse(responseCode = "409", description = "Decided already, or expired; the problem carries the current state")
    @APIResponse(responseCode = "422", description = "The body is not a valid decision, or a reason is missing")
    public Response decide(@PathParam("postId") String postId, byte[] body) {
        UUID id = PathIds.uuid(postId).orElseThrow(() -> unknown(postId));
        Judgement judgement = judgement(body, new Judgement.Reviewer(caller.getSubject(), caller.getGroups().contains(COMMS_HEAD)));
        ReviewQueue.Outcome outcome = queue.decide(id, judgement);
        if (outcome instanceof ReviewQueue.Outcome.Done done) {
            return Response.status(done.sent() ? 200 : 202).entity(ReviewViews.Detail.of(done.review())).build();
        }
        if (outcome instanceof ReviewQueue.Outcome.Refused refused) {
            return refusal(refused.refusal(), refused.current());
        }
        throw unknown(postId);
    }

    public static ReviewStore.Filter filter(String status, String category, String platform, String department, String olderThan,
                                     Integer limit, Instant now) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ReviewCase.Status s = ReviewCase.Status.PENDING;
        if (status != null && !status.isBlank()) {
            try {
                s = ReviewCase.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("status", "one of " + List.of(ReviewCase.Status.values())));
            }
        }
        Instant receivedBefore = null;
        if (olderThan != null && !olderThan.isBlank()) {
            Duration age = Durations.parse(olderThan).orElse(null);
            if (age == null) {
                errors.add(new Problem.FieldError("olderThan", "a duration such as 30m, 4h or 1d"));
            } else {
                receivedBefore = now.minus(age);
            }
        }
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 500) {
            errors.add(new Problem.FieldError("limit", "between 1 and 500"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("A filter of the review queue is not valid.", errors);
        }
        return new ReviewStore.Filter(s, blankToNull(category), blankToNull(platform), blankToNull(department), receivedBefore, max);
    }

    /** Reads a decision body strictly: every wrong field is named, as a 422 problem. */
    static Judgement judgement(byte[] body, Judgement.Reviewer by) {
        JsonNode json;
        try {
            json = StrictJson.read(body);
        } catch (ProblemException e) {
            throw invalidDecision(e.problem().detail(), List.of());
        }
        if (!json.isObject()) {
            throw invalidDecision("The body must be a JSON object: {\"decision\": \"APPROVE\", \"reason\": \"...\"}.", List.of());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        json.fieldNames().forEachRemaining(f -> {
            if (!DECISION_FIELDS.contains(f)) {
                errors.add(new Problem.FieldError(f, "unknown field; expected decision, reason or publishAt"));
            }
        });
        Judgement.Verdict verdict = null;
        JsonNode d = json.get("decision");
        if (d == null || !d.isTextual()) {
            errors.add(new Problem.FieldError("decision", "required: APPROVE, REJECT or REQUEST_CHANGES"));
        } else {
            try {
                verdict = Judgement.Verdict.valueOf(d.asText());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("decision", "APPROVE, REJECT or REQUEST_CHANGES, not '" + d.asText() + "'"));
            }
        }
        JsonNode r = json.get("reason");
        if (r != null && !r.isNull() && !r.isTextual()) {
            errors.add(new Problem.FieldError("reason", "a text"));
        } else if (r != null && r.isTextual() && r.asText().length() > 2000) {
            errors.add(new Problem.FieldError("reason", "at most 2000 characters"));
        }
        Instant publishAt = null;
        JsonNode p = json.get("publishAt");
        if (p != null && !p.isNull()) {
            try {
                publishAt = OffsetDateTime.parse(p.asText()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("publishAt", "a date-time with its offset, such as 2026-11-03T14:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalidDecision("The decision is not valid.", errors);
        }
        String reason = r == null || r.isNull() ? null : r.asText().strip();
        return new Judgement(verdict, reason, publishAt, by);
    }

    /** A refusal as an RFC 9457 problem; a 409 also carries the review as it now stands. */
    static Response refusal(Ruling.Refused refused, ReviewStore.Stored current) {
        return switch (refused.kind()) {
            case INVALID -> invalidDecision(refused.detail(), List.of()).toResponse();
            case FORBIDDEN -> ProblemException.of(403, refused.code(), "You may not decide this draft this way", refused.detail()).toResponse();
            case CONFLICT -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", ProblemException.type(refused.code()));
                problem.put("title", "The draft's state does not allow this decision");
                problem.put("status", 409);
                problem.put("detail", refused.detail());
                problem.put("current", ReviewViews.Detail.of(current));
                yield Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
            }
        };
    }

    private static ProblemException invalidDecision(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(new Problem(ProblemException.type("invalid-decision"), "The decision is not valid",
                422, detail, errors), Map.of());
    }

    private static ProblemException unknown(String postId) {
        return ProblemException.notFound("No draft " + postId + " is in review.");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
