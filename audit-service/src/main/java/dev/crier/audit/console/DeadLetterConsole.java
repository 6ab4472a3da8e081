package dev.crier.audit.console;

import dev.crier.audit.messaging.DeadLetterDesk;
import dev.crier.events.DeadLetterHandled;
import dev.crier.platform.api.ProblemException;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.List;

/**
 * The dead-letter desk's page for ops: every dead-letter topic with what it holds, a topic's newest records, and
 * one record masked with its replay and discard forms (each carries the CSRF token). The same desk as the JSON API.
 */
@Path("/console/dead-letters")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ops")
public class DeadLetterConsole {

    /** The page: every topic, and when one is chosen its records (or why they could not be read). */
    record Page(String who, List<DeadLetterDesk.TopicSummary> topics, String topic,
                List<DeadLetterDesk.Entry> records, String error) {
    }

    /** One record, with the outcome of an action just taken or refused. */
    record RecordPage(String who, DeadLetterDesk.Entry record, String notice, String error) {
    }

    @CheckedTemplate(basePath = "console/dead-letters")
    static class Templates {
        static native TemplateInstance index(Page page);

        static native TemplateInstance record(RecordPage page);
    }

    private final DeadLetterDesk desk;
    private final JsonWebToken caller;

    public DeadLetterConsole(DeadLetterDesk desk, JsonWebToken caller) {
        this.desk = desk;
        this.caller = caller;
    }

    @GET
    public Response index(@QueryParam("topic") String topic) {
        List<DeadLetterDesk.TopicSummary> topics = desk.topics();
        if (topic == null || topic.isBlank()) {
            return Response.ok(Templates.index(new Page(who(), topics, null, List.of(), null))).build();
        }
        try {
            return Response.ok(Templates.index(new Page(who(), topics, topic, desk.newest(topic), null))).build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(Templates.index(new Page(who(), topics, null, List.of(), e.problem().detail()))).build();
        }
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    public Response record(@PathParam("topic") String topic, @PathParam("partition") int partition,
                           @PathParam("offset") long offset, @QueryParam("done") String done) {
        String notice = "replayed".equals(done) ? "Replay asked for: the topic's owner sends the record back."
                : "discarded".equals(done) ? "Discarded." : null;
        return Response.ok(Templates.record(new RecordPage(who(), desk.one(topic, partition, offset), notice, null)))
                .build();
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/{action:replay|discard}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("topic") String topic, @PathParam("partition") int partition,
                        @PathParam("offset") long offset, @PathParam("action") String action,
                        @FormParam("reason") String reason) {
        boolean replay = action.equals("replay");
        try {
            desk.handle(topic, partition, offset, replay ? DeadLetterHandled.Action.REPLAY
                    : DeadLetterHandled.Action.DISCARD, reason, caller.getSubject());
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return Response.status(e.problem().status()).entity(Templates.record(new RecordPage(who(),
                    desk.one(topic, partition, offset), null, e.problem().detail()))).build();
        }
        return Response.seeOther(URI.create("/console/dead-letters/" + topic + "/" + partition + "/" + offset
                + "?done=" + (replay ? "replayed" : "discarded"))).build();
    }

    private String who() {
        return caller.getSubject() + " (ops)";
    }
}
