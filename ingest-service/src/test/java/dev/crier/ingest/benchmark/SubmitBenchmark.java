package dev.crier.ingest.benchmark;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A harness, not a test: submits drafts at a steady rate against ingest with its real broker and database and
 * prints how long the 202s took. Open loop: each request starts on its schedule whether or not those before have
 * answered, and its time counts from that schedule, so a stall shows in the figures instead of slowing the load.
 * Skipped unless asked for: {@code -Dbenchmark=true}, {@code -Dbenchmark.rates} (posts/s, one run each, default
 * 200,500), {@code -Dbenchmark.seconds} (measured per run, default 20, after a quarter as long to warm up).
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SubmitBenchmark {

    private static final String DRAFT = """
            {"text": "Flu clinics open Monday at canada.ca/flu", "language": "en", "platforms": ["sandbox"],
             "author": {"id": "u-1", "name": "Pat", "department": "HC"}}""";

    @TestHTTPResource("/v1/drafts")
    URI drafts;

    @Test
    void submitAtASteadyRate() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        for (String rate : System.getProperty("benchmark.rates", "200,500").split(",")) {
            measure(Integer.parseInt(rate.trim()), seconds);
        }
    }

    private void measure(int rate, int seconds) throws Exception {
        run(rate, Math.max(1, seconds / 4), null);
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        int refused = run(rate, seconds, micros);
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        System.out.printf("SUBMIT  %,d drafts at %d/s: 202 p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d not 202%n",
                sorted.size() + refused, rate, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 1.0), refused);
        assertThat(refused).as("answers other than 202").isZero();
    }

    /** Submits {@code rate} drafts a second for {@code seconds}; returns how many were not answered 202. */
    private int run(int rate, int seconds, ConcurrentLinkedQueue<Long> micros) throws Exception {
        String token = CrierTestResource.token("submitter");
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < rate * seconds; i++) {
            long due = start + i * periodNanos;
            CompletableFuture<Void> answered = new CompletableFuture<>();
            answers.add(answered);
            ticks.schedule(() -> client.sendAsync(HttpRequest.newBuilder(drafts)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(DRAFT)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.statusCode() == 202) {
                            if (micros != null) {
                                micros.add((System.nanoTime() - due) / 1_000);
                            }
                        } else {
                            refused.incrementAndGet();
                        }
                        answered.complete(null);
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        ticks.shutdown();
        return refused.get();
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }
}
