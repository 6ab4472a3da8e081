package dev.crier.audit.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crier.audit.api.RecordsResource;
import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.RecordFilter;
import dev.crier.audit.messaging.Checkpointer;
import dev.crier.audit.store.AuditLedger;
import dev.crier.audit.store.RecordSearch;
import dev.crier.audit.verify.LedgerCheck;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.platform.api.PathIds;
import dev.crier.platform.api.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The auditor console: server-rendered pages over the same ledger, searches and proofs as the JSON API. Qute escapes
 * every value, so a record's text is shown, never run; the one form (run the check) carries the CSRF token.
 */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("auditor")
public class AuditConsole {

    static final int PAGE = 50;
    static final int CHART_DAYS = 30;
    /** How long the check button waits for the check before showing its progress instead. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final List<String> TYPES = EventType.all().stream()
            .filter(t -> Topics.pipeline().contains(t.topic())).map(EventType::ceType).sorted().toList();

    @CheckedTemplate(basePath = "console/audit")
    static class Templates {
        static native TemplateInstance overview(AuditPages.Overview page);

        static native TemplateInstance records(AuditPages.Search page);

        static native TemplateInstance timeline(AuditPages.TimelinePage page);
    }

    private final RecordSearch search;
    private final AuditLedger ledger;
    private final Checkpointer checkpointer;
    private final LedgerCheck check;
    private final JsonWebToken caller;
    private final Clock clock;
    private final ObjectMapper json;

    public AuditConsole(RecordSearch search, AuditLedger ledger, Checkpointer checkpointer, LedgerCheck check,
                        JsonWebToken caller, Clock clock, ObjectMapper json) {
        this.search = search;
        this.ledger = ledger;
        this.checkpointer = checkpointer;
        this.check = check;
        this.caller = caller;
        this.clock = clock;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    public TemplateInstance overview() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate since = today.minusDays(CHART_DAYS - 1);
        RecordSearch.Stats stats = search.stats(new RecordFilter(since.atStartOfDay(ZoneOffset.UTC).toInstant(), null,
                null, null, null, null, null, null));
        LedgerCheck.Status status = check.status();
        int percent = status.total() == 0 ? 0 : (int) (100 * status.checked() / status.total());
        return Templates.overview(new AuditPages.Overview(who(), AuditPages.CheckpointInfo.of(checkpointer.current()),
                status, percent, AuditPages.decisionsPerDay(stats.decisions(), since, today),
                AuditPages.findingsByRule(stats.rules(), since, today), since));
    }

    /** Runs the check over the database; answers when it is done or after a few seconds with its progress. */
    @POST
    @Path("/verify")
    public Response verify() {
        check.start(PATIENCE);
        return Response.seeOther(URI.create("/console/audit#verification")).build();
    }

    @GET
    @Path("/records")
    public Response records(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("type") String type, @QueryParam("author") String author,
                            @QueryParam("department") String department, @QueryParam("decision") String decision,
                            @QueryParam("rule") String rule, @QueryParam("platform") String platform,
                            @QueryParam("cursor") String cursor) {
        var typed = new AuditPages.Filters(text(from), text(to), text(type), text(author), text(department),
                text(decision), text(rule), text(platform));
        Map<String, String> given = filterParams(typed);
        RecordFilter filter;
        long after;
        try {
            filter = RecordsResource.filter(given.get("from"), given.get("to"), given.get("type"), given.get("author"),
                    given.get("department"), given.get("decision"), given.get("rule"), given.get("platform"));
            after = cursor == null || cursor.isBlank() ? -1 : Long.parseLong(cursor.strip());
        } catch (ProblemException e) {
            String why = e.problem().errors().stream().map(f -> f.field() + " " + f.message())
                    .collect(Collectors.joining("; "));
            return refused(typed, "A filter is not valid: " + why + ".");
        } catch (NumberFormatException e) {
            return refused(typed, "This page link is not valid: start the search again.");
        }
        List<AuditRecord> page = search.page(filter, after, PAGE);
        List<AuditPages.Row> rows = page.stream().map(this::row).toList();
        String next = page.size() == PAGE ? link("/console/audit/records", given, "cursor",
                page.get(PAGE - 1).index()) : null;
        String csv = link("/v1/audit/export", given, "format", "csv");
        String jsonl = link("/v1/audit/export", given, "format", "jsonl");
        return Response.ok(Templates.records(new AuditPages.Search(who(), typed, TYPES, AuditPages.DECISIONS, rows,
                next, csv, jsonl, null))).build();
    }

    private Response refused(AuditPages.Filters typed, String error) {
        return Response.status(400).entity(Templates.records(new AuditPages.Search(who(), typed, TYPES,
                AuditPages.DECISIONS, List.of(), null, null, null, error))).build();
    }

    @GET
    @Path("/posts")
    public Response timeline(@QueryParam("id") String id) {
        String postId = text(id);
        List<AuditRecord> records = PathIds.uuid(postId).map(ledger::timeline).orElse(List.of());
        if (records.isEmpty()) {
            String error = PathIds.uuid(postId).isPresent() ? "The ledger has no record of post " + postId + "."
                    : "A post id looks like 3f2a9c1e-0b4d-4c7e-9a51-2d8e6f1b7a90.";
            return Response.status(postId.isEmpty() ? 400 : 404)
                    .entity(Templates.timeline(new AuditPages.TimelinePage(who(), postId, List.of(), error))).build();
        }
        return Response.ok(Templates.timeline(new AuditPages.TimelinePage(who(), postId,
                records.stream().map(this::entry).toList(), null))).build();
    }

    private AuditPages.Row row(AuditRecord r) {
        JsonNode data = data(r);
        return new AuditPages.Row(r.index(), r.receivedAt().toString(), r.type(), r.postId(), AuditPages.author(data),
                AuditPages.summary(data));
    }

    private AuditPages.Entry entry(AuditRecord r) {
        String payload;
        try {
            payload = json.writeValueAsString(data(r));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new AuditPages.Entry(r.index(), r.eventId(), r.type(), r.topic(), r.source(), r.time().toString(),
                r.receivedAt().toString(), Base64.getEncoder().encodeToString(r.leafHash()), payload);
    }

    private JsonNode data(AuditRecord r) {
        try {
            return json.readTree(r.payload());
        } catch (IOException e) {
            // Only valid events are appended, so a payload that is not JSON was not written by this service.
            throw new IllegalStateException("record " + r.index() + " does not hold JSON", e);
        }
    }

    /** The filters given (blank fields left out), in a fixed order for links. */
    private static Map<String, String> filterParams(AuditPages.Filters f) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        put(params, "from", f.from());
        put(params, "to", f.to());
        put(params, "type", f.type());
        put(params, "author", f.author());
        put(params, "department", f.department());
        put(params, "decision", f.decision());
        put(params, "rule", f.rule());
        put(params, "platform", f.platform());
        return params;
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (!value.isEmpty()) {
            params.put(name, value);
        }
    }

    /** A link with the filters and one more parameter, every value percent-encoded. */
    private static String link(String path, Map<String, String> params, String name, Object value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(params);
        all.put(name, value.toString());
        return path + "?" + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String who() {
        return caller.getSubject() + " (auditor)";
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
