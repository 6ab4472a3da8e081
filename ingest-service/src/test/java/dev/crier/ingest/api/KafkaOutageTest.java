package dev.crier.ingest.api;

import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Without the broker, ingest answers 503 with Retry-After and never 202; the retry with the same key lands once. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class KafkaOutageTest {

    @Test
    void noAcknowledgementMeansNo202() {
        String key = UUID.randomUUID().toString();
        var kafka = CrierTestResource.infra().kafka();
        kafka.stop();
        try {
            given().auth().oauth2(CrierTestResource.token("submitter")).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(DraftResourceTest.DRAFT)
                    .post("/v1/drafts")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("title", equalTo("Service unavailable"));
        } finally {
            kafka.start();
        }
        String id = given().auth().oauth2(CrierTestResource.token("submitter")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(DraftResourceTest.DRAFT)
                .post("/v1/drafts").then().statusCode(202).extract().path("id");
        assertThat(new TopicReader(kafka).readPost(Topics.DRAFTS_SUBMITTED, id, 2, Duration.ofSeconds(5)))
                .hasSize(1);
    }
}
