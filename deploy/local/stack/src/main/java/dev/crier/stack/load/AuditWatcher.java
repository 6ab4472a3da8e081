package dev.crier.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows the audit ledger through audit-service's API as an auditor: every second, the records appended since the
 * last look ({@code GET /v1/audit/records?cursor=<last index>}, pages of 1,000 in ledger order). A record is there
 * only once its append has committed, so what this sees is what the audit holds. A draft's audited time is the
 * latest {@code receivedAt} of its records: the ledger's timestamp, from the start of the transaction that appended
 * it (the commit follows within that batch's append, milliseconds).
 */
final class AuditWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1, like the submitter (Submitter.HTTP).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI audit;
    private final String token;
    private final Tracker tracker;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;
    private long cursor;

    AuditWatcher(URI audit, String token, Tracker tracker) {
        this.audit = audit;
        this.token = token;
        this.tracker = tracker;
        // Start after what the ledger already holds: the newest checkpoint's size (an older record or two read
        // again belong to no draft of this run).
        JsonNode checkpoint = get("/v1/audit/checkpoint");
        this.cursor = checkpoint == null ? -1 : checkpoint.path("treeSize").asLong(0) - 1;
        this.thread = new Thread(this::loop, "audit-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Why the last look failed, or null. */
    String failure() {
        return failure;
    }

    private void loop() {
        while (running) {
            try {
                readNew();
                failure = null;
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads every record appended since the last call. */
    void readNew() {
        while (true) {
            JsonNode page = get("/v1/audit/records?limit=1000" + (cursor < 0 ? "" : "&cursor=" + cursor));
            if (page == null) {
                throw new IllegalStateException("the audit's records are not readable");
            }
            for (JsonNode record : page.path("records")) {
                cursor = Math.max(cursor, record.path("index").asLong());
                String postId = record.path("postId").asText(null);
                if (postId != null) {
                    tracker.audited(postId, record.path("type").asText(),
                            Instant.parse(record.path("receivedAt").asText()).toEpochMilli());
                }
            }
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                return;
            }
        }
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(audit.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
