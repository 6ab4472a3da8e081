package dev.crier.policy.console;

import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.ProblemException;
import dev.crier.policy.ReviewQueue;
import dev.crier.policy.domain.review.Judgement;
import dev.crier.policy.domain.review.ReviewCase;
import dev.crier.policy.domain.review.Ruling;
import dev.crier.policy.store.ReviewStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The reviewer console: server-rendered pages (Qute escapes every value, so draft text is shown, never run) with plain
 * forms that carry the CSRF token. The same queue, rules and events as the JSON API.
 */
@Path("/console/reviews")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"reviewer", "comms-head"})
public class ReviewConsole {

    @CheckedTemplate(basePath = "console/reviews")
    static class Templates {
        static native TemplateInstance queue(ConsolePages.QueuePage page);

        static native TemplateInstance review(ConsolePages.DetailPage page);
    }

    private final ReviewQueue queue;
    private final ReviewStore store;
    private final JsonWebToken caller;
    private final Clock clock;

    public ReviewConsole(ReviewQueue queue, ReviewStore store, JsonWebToken caller, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("category") String category,
                         @QueryParam("platform") String platform, @QueryParam("department") String department,
                         @QueryParam("olderThan") String olderThan, @QueryParam("decided") String decided,
                         @QueryParam("outcome") String outcome) {
        var filters = new ConsolePages.Filters(status == null ? "PENDING" : status, blank(category), blank(platform),
                blank(department), blank(olderThan));
        Instant now = clock.instant();
        String notice = decided != null && PathIds.uuid(decided).isPresent() && outcome != null
                && outcome.matches("[A-Z_]{1,20}") ? "Draft " + decided + " is now " + outcome + "." : null;
        try {
            var rows = store.list(dev.crier.policy.api.ReviewResource.filter(status, category, platform, department,
                    olderThan, null, now)).stream().map(s -> ConsolePages.Row.of(s, now)).toList();
            return Response.ok(Templates.queue(new ConsolePages.QueuePage(who(), filters, rows, notice, null))).build();
        } catch (ProblemException e) {
            return Response.status(400).entity(Templates.queue(new ConsolePages.QueuePage(who(), filters, java.util.List.of(),
                    null, "A filter is not valid: " + e.problem().errors().stream()
                    .map(f -> f.field() + " must be " + f.message()).toList()))).build();
        }
    }

    @GET
    @Path("/{postId}")
    public TemplateInstance review(@PathParam("postId") String postId) {
        return Templates.review(ConsolePages.DetailPage.of(find(postId), who(), commsHead(), null, null));
    }

    @POST
    @Path("/{postId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("postId") String postId, @FormParam("decision") String decision,
                           @FormParam("reason") String reason, @FormParam("publishAt") String publishAt) {
        UUID id = PathIds.uuid(postId).orElseThrow(() -> unknown(postId));
        Judgement.Verdict verdict;
        Instant newTime = null;
        try {
            verdict = Judgement.Verdict.valueOf(decision == null ? "" : decision);
        } catch (IllegalArgumentException e) {
            return page(422, id, "Choose approve, reject or request changes.", reason);
        }
        if (publishAt != null && !publishAt.isBlank()) {
            try {
                newTime = OffsetDateTime.parse(publishAt.strip()).toInstant();
            } catch (DateTimeParseException e) {
                return page(422, id, "The new publication time must look like 2026-11-03T14:00:00Z.", reason);
            }
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        ReviewQueue.Outcome outcome = queue.decide(id, new Judgement(verdict, why, newTime,
                new Judgement.Reviewer(caller.getSubject(), commsHead())));
        if (outcome instanceof ReviewQueue.Outcome.Done done) {
            ReviewCase r = done.review().review();
            return Response.seeOther(UriBuilder.fromPath("/console/reviews").queryParam("decided", r.postId())
                    .queryParam("outcome", r.status().name()).build()).build();
        }
        if (outcome instanceof ReviewQueue.Outcome.Refused refused) {
            Ruling.Refused refusal = refused.refusal();
            int status = switch (refusal.kind()) {
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case INVALID -> 422;
            };
            return page(status, id, refusal.detail(), reason);
        }
        throw unknown(postId);
    }

    private Response page(int status, UUID id, String error, String reason) {
        var stored = store.find(id).orElseThrow(() -> unknown(id.toString()));
        return Response.status(status).entity(Templates.review(ConsolePages.DetailPage.of(stored, who(), commsHead(), error, reason))).build();
    }

    private ReviewStore.Stored find(String postId) {
        return PathIds.uuid(postId).flatMap(store::find).orElseThrow(() -> unknown(postId));
    }

    private String who() {
        return caller.getSubject() + (commsHead() ? " (comms-head)" : " (reviewer)");
    }

    private boolean commsHead() {
        return caller.getGroups().contains("comms-head");
    }

    private static ProblemException unknown(String postId) {
        return ProblemException.notFound("No draft " + postId + " is in review.");
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
