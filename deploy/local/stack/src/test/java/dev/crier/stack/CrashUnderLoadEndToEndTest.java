package dev.crier.stack;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.crier.stack.EndToEndTest.as;
import static dev.crier.stack.EndToEndTest.awaitTimeline;
import static dev.crier.stack.EndToEndTest.draft;
import static dev.crier.stack.EndToEndTest.sandboxPostsOf;
import static dev.crier.stack.EndToEndTest.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes while drafts flow: policy-service, publish-service and audit-service are each killed with SIGKILL (no
 * shutdown, nothing flushed) while drafts are being submitted, decided, signed, verified and published, and started
 * again. Every accepted draft ends published exactly once on the sandbox, and the audit holds each of its events once.
 */
class CrashUnderLoadEndToEndTest {

    static final int DRAFTS = 60;
    static final Duration FLOW = Duration.ofSeconds(180);

    @BeforeAll
    static void start() {
        EndToEndTest.stack = SharedStack.get();
    }

    @Test
    void killedServicesLoseNothingAndPublishNothingTwice() throws Exception {
        List<String> ids = new ArrayList<>();
        ExecutorService submitter = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> submitted = submitter.submit(() -> {
                List<String> accepted = new ArrayList<>();
                for (int i = 0; i < DRAFTS; i++) {
                    accepted.add(given(as("submitter")).contentType(ContentType.JSON)
                            .body(draft("Crash drill " + i + ": the pool reopens on Monday.",
                                    "Exercice " + i + " : la piscine rouvre lundi."))
                            .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().<String>path("id"));
                    Thread.sleep(50);
                }
                return accepted;
            });
            for (String service : List.of("policy", "publish", "audit")) {
                Thread.sleep(700);
                EndToEndTest.stack.service(service).kill();
                EndToEndTest.stack.service(service).start();
            }
            ids.addAll(submitted.get());
        } finally {
            submitter.shutdownNow();
        }
        for (String service : List.of("policy", "publish", "audit")) {
            EndToEndTest.stack.service(service).awaitReady(FLOW);
        }

        assertThat(ids).hasSize(DRAFTS).doesNotHaveDuplicates();
        for (String id : ids) {
            await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                            .extract().<String>path("status")).as(id).isEqualTo("PUBLISHED"));
            assertThat(sandboxPostsOf(id)).as("posts of %s on the sandbox", id).hasSize(1);
            awaitTimeline(id, "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.approved",
                    "dev.crier.post.published");
        }
    }
}
