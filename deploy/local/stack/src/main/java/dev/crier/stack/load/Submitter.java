package dev.crier.stack.load;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * POSTs drafts at a fixed rate, open loop: the n-th draft is sent at {@code start + n / rate} whatever happened to
 * the ones before, each on its own asynchronous request, so a slow answer never slows the offered load. A draft's
 * latency runs from when it was due, not from when it could be sent, so a benchmark that falls behind counts its
 * own lateness against the stack rather than hiding it. Drafts go round the ingest instances in turn.
 */
final class Submitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1, a connection per request in flight, as upstream systems call; HTTP/2 would queue every draft
    // behind one connection's stream limit.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> ingest;
    private final String token;
    private final Tracker tracker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acceptedCount = new AtomicLong();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();

    Submitter(List<URI> ingest, String token, Tracker tracker) {
        this.ingest = ingest.stream().map(u -> u.resolve("/v1/drafts")).toList();
        this.token = token;
        this.tracker = tracker;
    }

    /** Sends {@code rate * duration} drafts, numbered from 0 ({@link Drafts#body}); returns once the last is sent. */
    void run(int rate, Duration duration) {
        long total = rate * duration.toSeconds();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (long n = 0; n < total; n++) {
            long dueNanos = startNanos + n * 1_000_000_000L / rate;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long dueMillis = startMillis + (dueNanos - startNanos) / 1_000_000;
            send(n, dueMillis);
            inFlight.removeIf(CompletableFuture::isDone);
        }
    }

    private void send(long number, long dueMillis) {
        HttpRequest request = HttpRequest.newBuilder(ingest.get((int) (number % ingest.size())))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Drafts.body(number))).build();
        sent.incrementAndGet();
        inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long now = System.currentTimeMillis();
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                refusals.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            } else if (response.statusCode() != 202) {
                refusals.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong()).incrementAndGet();
            } else {
                tracker.accepted(idOf(response.body()), dueMillis, now);
                acceptedCount.incrementAndGet();
            }
        }));
    }

    /** Waits for the answers still outstanding. */
    void awaitAnswers(Duration timeout) {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // counted: a request that never answered is neither accepted nor refused, and the report says so
        }
    }

    private static String idOf(String body) {
        try {
            return JSON.readTree(body).path("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a 202 without a draft id: " + body, e);
        }
    }

    long sent() {
        return sent.get();
    }

    long accepted() {
        return acceptedCount.get();
    }

    Map<String, AtomicLong> refusals() {
        return refusals;
    }
}
