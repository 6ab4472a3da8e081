package dev.crier.audit.api;

import dev.crier.audit.TestEvents;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class TimelineResourceTest {

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @AfterEach
    void close() {
        injector.close();
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role));
    }

    @Test
    void onlyAuditorsReadATimelineAndEachRecordShowsItsAttributesAndPayload() {
        String postId = UUID.randomUUID().toString();
        var submitted = TestEvents.submitted(postId);
        injector.send(submitted);
        String path = "/v1/audit/posts/" + postId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("auditor").get(path).then().statusCode(200));

        given().get(path).then().statusCode(401).contentType("application/problem+json");
        as("submitter").get(path).then().statusCode(403).contentType("application/problem+json");
        as("ops").get(path).then().statusCode(403);
        as("auditor").get(path).then().statusCode(200).contentType("application/json")
                .body("postId", equalTo(postId))
                .body("records", hasSize(1))
                .body("records[0].index", notNullValue())
                .body("records[0].eventId", equalTo(submitted.id()))
                .body("records[0].type", equalTo("dev.crier.draft.submitted"))
                .body("records[0].topic", equalTo("drafts.submitted"))
                .body("records[0].source", equalTo(TestEvents.SOURCE))
                .body("records[0].time", equalTo(TestEvents.TIME.toString()))
                .body("records[0].receivedAt", notNullValue())
                .body("records[0].data.postId", equalTo(postId))
                .body("records[0].data.draft.text", equalTo("Hello"));
    }

    @Test
    void anUnknownPostOrAnIdThatIsNotAUuidIsA404Problem() {
        as("auditor").get("/v1/audit/posts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not found"));
        as("auditor").get("/v1/audit/posts/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
