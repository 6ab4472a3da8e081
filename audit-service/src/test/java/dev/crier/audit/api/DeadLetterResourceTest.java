package dev.crier.audit.api;

import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import dev.crier.audit.DeadLetters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dead-letter desk against a real broker: a record audit-service could not read lands in its topic's dead-letter
 * topic, ops find it, read it masked, and discard or replay it once each; every action is an event on
 * dead-letters.handled that the audit's ledger records under the post.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class DeadLetterResourceTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaBroker KAFKA = CrierTestResource.infra().kafka();
    static final String EMAIL = "jane.doe@example.com";

    final EventInjector ingest = new EventInjector(KAFKA, KafkaAccess.INGEST);

    @AfterEach
    void close() {
        ingest.close();
    }

    @Test
    void opsFindAPoisonRecordReadItMaskedAndDiscardItOnceWithAReason() {
        String postId = UUID.randomUUID().toString();
        JsonPath record = DeadLetters.poison(ingest, postId, "not json, write to " + EMAIL);

        assertThat(record.getString("reason")).contains("not JSON");
        assertThat(record.getString("topic")).isEqualTo(Topics.DRAFTS_SUBMITTED);
        assertThat(record.getString("deadLetterTopic")).isEqualTo("drafts.submitted.dlq");
        String path = place(record);

        JsonPath one = given().auth().oauth2(CrierTestResource.token("ops")).get(path)
                .then().statusCode(200).extract().jsonPath();
        assertThat(one.getString("value")).contains("not json").doesNotContain(EMAIL);
        assertThat(one.getString("key")).isEqualTo(postId);
        Map<String, String> headers = one.getMap("headers");
        assertThat(headers).containsKey("dead-letter-reason").containsEntry("ce_type", "dev.crier.draft.submitted");

        given().auth().oauth2(CrierTestResource.token("ops")).contentType("application/json").body("{}")
                .post(path + "/discard")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(CrierTestResource.token("ops")).contentType("application/json")
                .body("{\"reason\": \"a test record; mail " + EMAIL + " said so\"}")
                .post(path + "/discard")
                .then().statusCode(202).body("action", equalTo("DISCARD")).body("by", equalTo("local-ops"));
        given().auth().oauth2(CrierTestResource.token("ops")).post(path + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("discarded by local-ops"));

        // The action is on dead-letters.handled, masked, and in the ledger under the post.
        ConsumerRecord<String, String> handled = new TopicReader(KAFKA)
                .readPost(Topics.DEAD_LETTERS_HANDLED, postId, 1, WAIT).get(0);
        assertThat(handled.value()).contains("\"action\":\"DISCARD\"", "drafts.submitted.dlq").doesNotContain(EMAIL);
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(CrierTestResource.token("auditor"))
                .get("/v1/audit/posts/" + postId).then().extract().jsonPath().getList("records.type", String.class))
                .contains(EventType.DEAD_LETTER_HANDLED.ceType()));
        JsonPath listing = given().auth().oauth2(CrierTestResource.token("ops"))
                .get("/v1/dead-letters/drafts.submitted").then().statusCode(200).extract().jsonPath();
        assertThat(listing.getString("records.find { it.key == '" + postId + "' }.handled.action")).isEqualTo("DISCARD");
    }

    @Test
    void aReplayIsAnnouncedOnceForTheTopicsOwnerAndCountedOutOfThePending() {
        String postId = UUID.randomUUID().toString();
        long pendingBefore = pending();
        JsonPath record = DeadLetters.poison(ingest, postId, "garbage");
        await().atMost(WAIT).untilAsserted(() -> assertThat(pending()).isGreaterThanOrEqualTo(pendingBefore + 1));
        long pendingWithIt = pending();

        given().auth().oauth2(CrierTestResource.token("ops")).post(place(record) + "/replay")
                .then().statusCode(202).body("action", equalTo("REPLAY"));
        given().auth().oauth2(CrierTestResource.token("ops")).post(place(record) + "/replay").then().statusCode(409);

        ConsumerRecord<String, String> handled = new TopicReader(KAFKA)
                .readPost(Topics.DEAD_LETTERS_HANDLED, postId, 1, WAIT).get(0);
        assertThat(handled.value()).contains("\"action\":\"REPLAY\"", "\"topic\":\"drafts.submitted\"",
                "\"partition\":" + record.getInt("partition"), "\"offset\":" + record.getLong("offset"));
        assertThat(pending()).isEqualTo(pendingWithIt - 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("crier_dead_letters{topic=\"drafts.submitted.dlq\"}"));
    }

    @Test
    void onlyOpsMayUseTheDeskAndNonsenseIsA4xxProblem() {
        given().get("/v1/dead-letters").then().statusCode(401);
        given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/dead-letters").then().statusCode(403);
        given().auth().oauth2(CrierTestResource.token("auditor"))
                .post("/v1/dead-letters/drafts.submitted/0/0/replay").then().statusCode(403);
        given().auth().oauth2(CrierTestResource.token("ops")).get("/v1/dead-letters").then().statusCode(200)
                .body("topic", org.hamcrest.Matchers.hasItems(Topics.DRAFTS_SUBMITTED, Topics.DEAD_LETTERS_HANDLED));
        for (String path : List.of("/v1/dead-letters/no.such.topic", "/v1/dead-letters/drafts.submitted/0/999999999",
                "/v1/dead-letters/drafts.submitted/x/0", "/v1/dead-letters/drafts.submitted/0/-1",
                "/v1/dead-letters/drafts.submitted/99/0")) {
            given().auth().oauth2(CrierTestResource.token("ops")).get(path)
                    .then().statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(CrierTestResource.token("ops")).contentType("application/json").body("{\"reason\": 7}")
                .post("/v1/dead-letters/drafts.submitted/0/0/discard").then().statusCode(400);
        given().auth().oauth2(CrierTestResource.token("ops")).contentType("application/json").body("{\"reason\": ")
                .post("/v1/dead-letters/drafts.submitted/0/0/discard").then().statusCode(400);
    }

    private static String place(JsonPath record) {
        return "/v1/dead-letters/" + DeadLetters.place(record);
    }

    private static long pending() {
        return given().auth().oauth2(CrierTestResource.token("ops")).get("/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.topic == 'drafts.submitted' }.pending");
    }
}
