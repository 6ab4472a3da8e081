package dev.crier.publish.store;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.infra.CrierTestResource;
import dev.crier.publish.config.SandboxApiKey;
import dev.crier.publish.domain.LedgerEntry;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.Publisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process stops at each point of a call, on the real database and the real sandbox platform; on restart
 * ({@link Publisher#recover}) the call's answer is settled before anything else is sent: no post twice, none lost.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class CrashWindowTest {

    @Inject
    LedgerStore ledger;
    @Inject
    Publisher publisher;
    @Inject
    SandboxApiKey sandboxKey;

    @Test
    void stoppedAfterRecordingTheIntentBeforeTheCall_theRestartPublishesOnce() {
        LedgerEntry pending = intentRecorded();

        publisher.recover();

        LedgerEntry settled = awaitFinal(pending);
        assertThat(settled.state()).isEqualTo(LedgerState.PUBLISHED);
        assertThat(sandboxPosts(pending.postId())).hasSize(1);
    }

    @Test
    void stoppedAfterTheCallBeforeRecordingTheAnswer_theRestartRecordsThatPostAndMakesNoOther() {
        LedgerEntry pending = intentRecorded();
        // The call went out and the sandbox posted; the process stopped before writing the answer down.
        String postedId = given().header("X-Sandbox-Key", sandboxKey.value()).contentType(ContentType.JSON)
                .body(Map.of("text", "Flu clinics open Monday.\n\nLes cliniques ouvrent lundi.", "language", "en,fr",
                        "idempotencyKey", PublishRequest.idempotencyKey(pending.postId(), "sandbox")))
                .post("/sandbox/api/statuses").then().statusCode(201).extract().path("id");

        publisher.recover();

        LedgerEntry settled = awaitFinal(pending);
        assertThat(settled.state()).isEqualTo(LedgerState.PUBLISHED);
        assertThat(settled.platformPostId()).isEqualTo(postedId);
        assertThat(sandboxPosts(pending.postId())).hasSize(1);
    }

    /** An approval due in a minute whose entry is moved to PENDING, as the worker does just before its call. */
    private LedgerEntry intentRecorded() {
        String postId = UUID.randomUUID().toString();
        var draft = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of("sandbox"), List.of(), new Draft.Author("u-1", "Pat", "HC"), null,
                Instant.now().plusSeconds(60), null, null);
        var approval = new PostDecided(postId, Decision.APPROVED, 0, List.of(),
                new PolicyRef("canada-federal", "1", "c".repeat(64)), Instant.now(), draft);
        assertThat(publisher.accept(approval)).isTrue();
        LedgerEntry queued = ledger.find(postId, "sandbox").orElseThrow();
        LedgerEntry pending = queued.calling(Instant.now(), Instant.now().plusSeconds(60));
        assertThat(ledger.move(queued, pending)).isTrue();
        return pending;
    }

    private LedgerEntry awaitFinal(LedgerEntry entry) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.find(entry.postId(), "sandbox").orElseThrow().state().isFinal());
        return ledger.find(entry.postId(), "sandbox").orElseThrow();
    }

    private static List<Object> sandboxPosts(String postId) {
        return given().auth().oauth2(CrierTestResource.token("ops")).queryParam("postId", postId)
                .get("/v1/sandbox/posts").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
