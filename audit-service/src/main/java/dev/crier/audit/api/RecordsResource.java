package dev.crier.audit.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.RecordFilter;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.messaging.Checkpointer;
import dev.crier.audit.store.RecordSearch;
import dev.crier.events.Decision;
import dev.crier.events.EventType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Auditors' searches, exports and counts over the ledger. */
@Path("/v1/audit")
@RolesAllowed("auditor")
public class RecordsResource {

    public static final int MAX_PAGE = 1000;

    /** One record in a search: its attributes, its leaf hash and its stored payload as JSON. */
    public record RecordEntry(long index, String eventId, String type, String topic, String postId, String source,
                              Instant time, Instant receivedAt, String leafHash, JsonNode data) {
    }

    /** A page of records; pass {@code next} back as {@code cursor} for the following page (null at the end). */
    public record RecordPage(List<RecordEntry> records, String next) {
    }

    private final RecordSearch search;
    private final Checkpointer checkpointer;
    private final ObjectMapper json;

    public RecordsResource(RecordSearch search, Checkpointer checkpointer, ObjectMapper json) {
        this.search = search;
        this.checkpointer = checkpointer;
        this.json = json;
    }

    @GET
    @Path("/records")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search records", description = "Filtered records in ledger order, at most 1,000 a page.")
    public RecordPage records(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("type") String type, @QueryParam("author") String author,
                              @QueryParam("department") String department, @QueryParam("decision") String decision,
                              @QueryParam("rule") String rule, @QueryParam("platform") String platform,
                              @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        RecordFilter filter = filter(from, to, type, author, department, decision, rule, platform);
        long after = cursor == null ? -1 : Params.number("cursor", cursor, 0);
        long size = limit == null ? 100 : Params.number("limit", limit, 1);
        if (size > MAX_PAGE) {
            throw Params.invalid("limit", "must be at most " + MAX_PAGE);
        }
        List<AuditRecord> page = search.page(filter, after, (int) size);
        String next = page.size() == size ? Long.toString(page.get(page.size() - 1).index()) : null;
        return new RecordPage(page.stream().map(this::entry).toList(), next);
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(summary = "Export records", description = "Every matching record up to the latest checkpoint, "
            + "streamed as JSON Lines (format=jsonl, with each record's bytes) or CSV (format=csv); the last line is "
            + "that checkpoint.")
    public Response export(@QueryParam("format") String format, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("type") String type,
                           @QueryParam("author") String author, @QueryParam("department") String department,
                           @QueryParam("decision") String decision, @QueryParam("rule") String rule,
                           @QueryParam("platform") String platform) {
        RecordFilter filter = filter(from, to, type, author, department, decision, rule, platform);
        boolean csv = "csv".equals(format);
        if (!csv && format != null && !"jsonl".equals(format)) {
            throw Params.invalid("format", "must be jsonl or csv");
        }
        SignedCheckpoint checkpoint = checkpointer.current();
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (csv) {
                writeCsv(writer, filter, checkpoint);
            } else {
                writeJsonLines(writer, filter, checkpoint);
            }
            writer.flush();
        };
        String name = "audit-" + checkpoint.checkpoint().size() + (csv ? ".csv" : ".jsonl");
        return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Daily counts", description = "Per UTC day: decisions, findings by rule (both from "
            + "posts.decided) and publish outcomes by platform, for the records the filters match.")
    public RecordSearch.Stats stats(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("author") String author, @QueryParam("department") String department) {
        return search.stats(filter(from, to, null, author, department, null, null, null));
    }

    private void writeJsonLines(Writer writer, RecordFilter filter, SignedCheckpoint checkpoint) throws IOException {
        JsonGenerator generator = json.getFactory().createGenerator(writer);
        try {
            search.stream(filter, checkpoint.checkpoint().size(), r -> {
                write(generator, ProofResource.RecordView.of(r));
            });
            write(generator, new CheckpointLine(CheckpointResource.CheckpointView.of(checkpoint)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        generator.flush();
    }

    /** The last line of a JSON Lines export. */
    public record CheckpointLine(CheckpointResource.CheckpointView checkpoint) {
    }

    private void write(JsonGenerator generator, Object value) {
        try {
            json.writeValue(generator, value);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> CSV_HEADER = List.of("index", "eventId", "type", "topic", "postId", "source", "time",
            "receivedAt", "leafHash", "payload");

    private void writeCsv(Writer writer, RecordFilter filter, SignedCheckpoint checkpoint) throws IOException {
        try {
            csvRow(writer, CSV_HEADER);
            search.stream(filter, checkpoint.checkpoint().size(), r -> csvRow(writer, Arrays.asList(
                    Long.toString(r.index()), r.eventId(), r.type(), r.topic(), r.postId(), r.source(),
                    r.time().toString(), r.receivedAt().toString(), ProofResource.b64(r.leafHash()),
                    new String(r.payload(), StandardCharsets.UTF_8))));
            var view = CheckpointResource.CheckpointView.of(checkpoint);
            csvRow(writer, Arrays.asList("", "", "checkpoint", "", "", view.origin(), view.issuedAt().toString(), "",
                    view.rootHash(), view.note()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** RFC 4180: quote what needs it; a leading = + - @ is defused so that spreadsheets show it as text. */
    private static void csvRow(Writer writer, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i) == null ? "" : fields.get(i);
                if (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0) {
                    field = "'" + field;
                }
                if (i > 0) {
                    writer.write(',');
                }
                if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                        || field.indexOf('\r') >= 0) {
                    writer.write('"' + field.replace("\"", "\"\"") + '"');
                } else {
                    writer.write(field);
                }
            }
            writer.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RecordEntry entry(AuditRecord r) {
        try {
            return new RecordEntry(r.index(), r.eventId(), r.type(), r.topic(), r.postId(), r.source(), r.time(),
                    r.receivedAt(), ProofResource.b64(r.leafHash()), json.readTree(r.payload()));
        } catch (IOException e) {
            throw new IllegalStateException("record " + r.index() + " does not hold JSON", e);
        }
    }

    public static RecordFilter filter(String from, String to, String type, String author, String department,
                               String decision, String rule, String platform) {
        if (type != null && EventType.ofCeType(type).isEmpty()) {
            throw Params.invalid("type", "must be a CloudEvents type of the pipeline, such as dev.crier.post.decided");
        }
        if (decision != null && Arrays.stream(Decision.values()).noneMatch(d -> d.name().equals(decision))) {
            throw Params.invalid("decision", "must be one of " + Arrays.toString(Decision.values()));
        }
        return new RecordFilter(instant("from", from), instant("to", to), type, author, department, decision, rule,
                platform);
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Params.invalid(name, "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }
}
