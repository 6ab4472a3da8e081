package dev.crier.publish.api;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.PostRetracted;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaAcls;
import dev.crier.infra.TopicReader;
import dev.crier.publish.domain.LedgerState;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.store.LedgerStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Retraction deletes the post on the (real) sandbox, records it, emits it; mistakes are RFC 9457 problems. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class RetractionResourceTest {

    @Inject
    Publisher publisher;
    @Inject
    LedgerStore ledger;

    @Test
    void aCommsHeadRetractsAPublishedPostEverywhereWithAReason() {
        String postId = published("sandbox", "x");
        String sandboxPostId = ledger.find(postId, "sandbox").orElseThrow().platformPostId();

        as("comms-head").body("{\"reason\": \"Wrong clinic dates\"}").post("/v1/posts/" + postId + "/retract")
                .then().statusCode(200)
                .body("postId", equalTo(postId)).body("reason", equalTo("Wrong clinic dates"))
                .body("results.size()", equalTo(1))
                .body("results[0].platform", equalTo("sandbox")).body("results[0].retracted", equalTo(true))
                .body("results[0].platformPostId", equalTo(sandboxPostId));

        assertThat(given().auth().oauth2(CrierTestResource.token("ops")).queryParam("postId", postId)
                .get("/v1/sandbox/posts").then().extract().jsonPath().getList("$")).isEmpty();
        var events = new TopicReader(CrierTestResource.infra().kafka())
                .readPost(Topics.POSTS_RETRACTED, postId, 1, Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        PostRetracted event = new EventCodec().decode(EventType.POST_RETRACTED, events.get(0).value());
        assertThat(event.retractedBy()).isNotBlank();
        assertThat(event.results()).extracting(PostRetracted.Retraction::retracted).containsExactly(true);

        as("comms-head").body("{\"reason\": \"again\"}").post("/v1/posts/" + postId + "/retract")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crier.dev/problems/already-retracted"));
    }

    /**
     * The retraction is saved with its event; when Kafka does not take the event, the answer says so (202) and a
     * second request finds the retraction recorded (409) without the event being lost: once Kafka takes events
     * again, the outbox relay puts it on posts.retracted, once.
     */
    @Test
    void aRetractionWhoseEventKafkaRefusedIsRecordedAndItsEventSentOnceKafkaIsBack() {
        String postId = published("sandbox");
        var kafka = CrierTestResource.infra().kafka();
        var topics = new TopicReader(kafka);
        // The broker stops accepting publish-service's writes to posts.retracted.
        Set<AclBinding> withoutRetractions = KafkaAcls.bindings().stream()
                .filter(acl -> !(acl.pattern().name().equals(Topics.POSTS_RETRACTED)
                        && acl.entry().principal().equals(KafkaAcls.principal(KafkaAccess.PUBLISH))
                        && acl.entry().operation() == AclOperation.WRITE))
                .collect(Collectors.toSet());
        kafka.replaceAcls(withoutRetractions);
        try {
            as("comms-head").body("{\"reason\": \"Wrong clinic dates\"}").post("/v1/posts/" + postId + "/retract")
                    .then().statusCode(202)
                    .body("postId", equalTo(postId)).body("results[0].retracted", equalTo(true));
            as("comms-head").body("{\"reason\": \"again\"}").post("/v1/posts/" + postId + "/retract")
                    .then().statusCode(409).body("type", equalTo("https://crier.dev/problems/already-retracted"));
            assertThat(topics.readPost(Topics.POSTS_RETRACTED, postId, 1, Duration.ofSeconds(2))).isEmpty();
        } finally {
            kafka.replaceAcls(KafkaAcls.bindings());
        }

        // Waits for a second copy too, which must not come.
        var events = topics.readPost(Topics.POSTS_RETRACTED, postId, 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        PostRetracted event = new EventCodec().decode(EventType.POST_RETRACTED, events.get(0).value());
        assertThat(event.reason()).isEqualTo("Wrong clinic dates");
        assertThat(event.results()).extracting(PostRetracted.Retraction::retracted).containsExactly(true);
    }

    @Test
    void mistakesAreProblemsNamingWhatIsWrong() {
        String postId = published("x");

        as("comms-head").body("{}").post("/v1/posts/" + postId + "/retract").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        as("comms-head").body("{\"reason\": \"x\"}").post("/v1/posts/" + UUID.randomUUID() + "/retract")
                .then().statusCode(404).contentType("application/problem+json");
        as("comms-head").body("{\"reason\": \"x\"}").post("/v1/posts/not-a-post/retract").then().statusCode(404);
        as("comms-head").body("{\"reason\": \"Wrong\"}").post("/v1/posts/" + postId + "/retract").then().statusCode(409)
                .body("type", equalTo("https://crier.dev/problems/not-published"));
        as("reviewer").body("{\"reason\": \"Wrong\"}").post("/v1/posts/" + postId + "/retract").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"reason\": \"Wrong\"}").post("/v1/posts/" + postId + "/retract")
                .then().statusCode(401);
    }

    /** A post approved for the HC department, worked to its final state by the service's own worker. */
    private String published(String... platforms) {
        String postId = UUID.randomUUID().toString();
        var draft = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
                List.of(platforms), List.of(), new Draft.Author("u-1", "Pat", "HC"), null, null, null, null);
        publisher.accept(new PostDecided(postId, Decision.APPROVED, 0, List.of(),
                new PolicyRef("canada-federal", "1", "c".repeat(64)), Instant.now(), draft));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.entries(postId).stream().allMatch(e -> e.state().isFinal()));
        if (List.of(platforms).contains("sandbox")) {
            assertThat(ledger.find(postId, "sandbox").orElseThrow().state()).isEqualTo(LedgerState.PUBLISHED);
        }
        return postId;
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role)).contentType(ContentType.JSON);
    }
}
