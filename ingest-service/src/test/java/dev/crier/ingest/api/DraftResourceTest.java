package dev.crier.ingest.api;

import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.Tokens;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class DraftResourceTest {

    static final String DRAFT = """
            {"text": "Flu clinics open Monday at canada.ca/flu", "language": "en",
             "translations": {"fr": "Les cliniques ouvrent lundi."},
             "platforms": ["sandbox", "x"], "author": {"id": "u-1", "name": "Pat", "department": "HC"},
             "media": [{"url": "https://canada.ca/a.png", "altText": "A nurse", "mimeType": "image/png"}],
             "category": "health-safety", "publishAt": "2030-01-01T09:00:00-05:00", "externalId": "cms-1"}""";

    final TopicReader topics = new TopicReader(CrierTestResource.infra().kafka());

    static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role));
    }

    @Test
    void acceptedDraftIsOnKafkaWithCloudEventsHeadersBeforeThe202() {
        var response = as("submitter").contentType(ContentType.JSON).body(DRAFT)
                .when().post("/v1/drafts")
                .then().statusCode(202).body("status", equalTo("SUBMITTED"))
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/v1/drafts/" + id);
        // The acknowledgement came before the answer: the record is already there to read.
        var records = topics.readPost(Topics.DRAFTS_SUBMITTED, id, 1, Duration.ofSeconds(10));
        assertThat(records).hasSize(1);
        var record = records.get(0);
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.crier.draft.submitted");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(record.value()).contains("\"submittedBy\":\"local-submitter\"").contains("Flu clinics");

        as("submitter").get("/v1/drafts/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("SUBMITTED")).body("externalId", equalTo("cms-1"));
    }

    @Test
    void aDraftOfExactlyTheBodyLimitIsAcceptedAndTheNextOneToo() {
        // Escaped characters are six bytes in the body and six again in the event: the event is the body and its
        // envelope, over Kafka's default request size of 1 MiB, which left it first in the outbox for good.
        String head = "{\"text\": \"" + "\\u0001".repeat(100_000) + "\", \"translations\": {\"fr\": \"";
        String tail = "\"}, \"platforms\": [\"sandbox\"], \"author\": {\"id\": \"u-1\", \"department\": \"HC\"}}";
        int room = 1024 * 1024 - head.length() - tail.length();
        String body = head + "\\u0001".repeat(room / 6) + "a".repeat(room % 6) + tail;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);

        String id = as("submitter").contentType(ContentType.JSON).body(body).post("/v1/drafts")
                .then().statusCode(202).extract().path("id");
        assertThat(topics.readPost(Topics.DRAFTS_SUBMITTED, id, 1, Duration.ofSeconds(10)).get(0).value().length())
                .isGreaterThan(1024 * 1024);
        as("submitter").contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts").then().statusCode(202);
    }

    @Test
    void sameIdempotencyKeyGivesSameIdAndOneEvent() {
        String key = UUID.randomUUID().toString();
        String first = submitWithKey(key, DRAFT).then().statusCode(202).extract().path("id");
        String again = submitWithKey(key, DRAFT.replace("\n", "  \n")).then().statusCode(202).extract().path("id");
        assertThat(again).isEqualTo(first);
        assertThat(topics.readPost(Topics.DRAFTS_SUBMITTED, first, 2, Duration.ofSeconds(3))).hasSize(1);

        submitWithKey(key, DRAFT.replace("Monday", "Tuesday")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key reused"));
    }

    @Test
    void theSameKeyFromAnotherCallerIsAnotherDraft() {
        String key = UUID.randomUUID().toString();
        String mine = submitWithKey(key, DRAFT).then().statusCode(202).extract().path("id");
        String theirs = given().auth().oauth2(CrierTestResource.infra().tokens().issue("other-cms",
                        java.util.Set.of("submitter"), Duration.ofMinutes(5)))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(DRAFT)
                .post("/v1/drafts").then().statusCode(202).extract().path("id");
        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void unknownDraftIs404AndANonUuidToo() {
        as("ops").get("/v1/drafts/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        as("ops").get("/v1/drafts/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void tokensAndRolesAreEnforced() {
        given().contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts")
                .then().statusCode(401);
        as("auditor").contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/v1/drafts/" + UUID.randomUUID()).then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theEventNamesTheSubmitterFromTheTokenWithItsClient() {
        String token = tokens().issue(Tokens.claims("cms-7", Set.of("submitter"), Duration.ofMinutes(5)).withClientId("cms-app"));
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts")
                .then().statusCode(202).extract().path("id");
        String event = topics.readPost(Topics.DRAFTS_SUBMITTED, id, 1, Duration.ofSeconds(10)).get(0).value();
        assertThat(event).contains("\"submittedBy\":\"cms-7\"").contains("\"submittedByClient\":\"cms-app\"");
    }

    @Test
    void aSubmitterSubmitsOnlyForTheDepartmentsItsTokenNames() {
        var hcOnly = Tokens.claims("cms-hc", Set.of("submitter"), Duration.ofMinutes(5)).withDepartments(List.of("hc"));
        given().auth().oauth2(tokens().issue(hcOnly)).contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts")
                .then().statusCode(202);
        given().auth().oauth2(tokens().issue(hcOnly)).contentType(ContentType.JSON)
                .body(DRAFT.replace("\"department\": \"HC\"", "\"department\": \"ESDC\"")).post("/v1/drafts")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://crier.dev/problems/department-not-allowed"))
                .body("detail", containsString("ESDC"));
        given().auth().oauth2(tokens().issue(hcOnly)).contentType(ContentType.JSON)
                .body(DRAFT.replace(", \"department\": \"HC\"", "")).post("/v1/drafts")
                .then().statusCode(403).body("type", equalTo("https://crier.dev/problems/department-not-allowed"));
        given().auth().oauth2(tokens().issue(hcOnly.withDepartments(List.of()))).contentType(ContentType.JSON).body(DRAFT)
                .post("/v1/drafts").then().statusCode(403);
    }

    @Test
    void aTokenWithoutSubjectSubmitsAndReadsNothing() {
        String id = as("submitter").contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts").then().statusCode(202)
                .extract().path("id");
        for (String role : List.of("submitter", "ops")) {
            String noSubject = tokens().issue(Tokens.claims(role).withoutSubject());
            given().auth().oauth2(noSubject).contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(noSubject).get("/v1/drafts/" + id).then().statusCode(403);
        }
    }

    @Test
    void aSubmitterReadsOnlyItsOwnDraftsHoweverManyGroupsItsTokenHas() {
        String id = as("submitter").contentType(ContentType.JSON).body(DRAFT).post("/v1/drafts").then().statusCode(202)
                .extract().path("id");
        // Keycloak adds default roles to every user: they must not turn a submitter into a reader of all drafts.
        String otherWithDefaults = tokens().issue("other-cms",
                Set.of("submitter", "offline_access", "uma_authorization", "default-roles-crier"), Duration.ofMinutes(5));
        given().auth().oauth2(otherWithDefaults).get("/v1/drafts/" + id).then().statusCode(404);
        given().auth().oauth2(tokens().issue("someone", Set.of("offline_access", "uma_authorization"), Duration.ofMinutes(5)))
                .get("/v1/drafts/" + id).then().statusCode(403);
        as("submitter").get("/v1/drafts/" + id).then().statusCode(200);
        for (String role : List.of("reviewer", "comms-head", "auditor", "ops")) {
            as(role).get("/v1/drafts/" + id).then().statusCode(200).body("id", equalTo(id));
        }
    }

    private static Tokens tokens() {
        return CrierTestResource.infra().tokens();
    }

    @Test
    void openApiDocumentIsServed() {
        as("ops").get("/q/openapi").then().statusCode(200).body(containsString("/v1/drafts"));
    }

    private static io.restassured.response.Response submitWithKey(String key, String body) {
        return as("submitter").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/drafts");
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
