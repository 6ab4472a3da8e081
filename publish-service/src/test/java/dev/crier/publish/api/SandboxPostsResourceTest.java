package dev.crier.publish.api;

import dev.crier.infra.CrierTestResource;
import dev.crier.publish.config.SandboxApiKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Crier's view of the sandbox: behind a token, newest first, by post. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class SandboxPostsResourceTest {

    @Inject
    SandboxApiKey key;

    @Test
    void aTokenIsRequiredAndEveryRoleMayLook() {
        given().get("/v1/sandbox/posts").then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of("auditor", "ops", "reviewer", "comms-head", "submitter")) {
            given().auth().oauth2(CrierTestResource.token(role)).get("/v1/sandbox/posts").then().statusCode(200);
        }
    }

    @Test
    void postsAreListedByPostNewestFirst() {
        String postId = UUID.randomUUID().toString();
        String mine = sandboxPost("Mine", postId + ":sandbox");
        sandboxPost("Someone else's", null);
        String newer = sandboxPost("Not from Crier", UUID.randomUUID().toString());

        given().auth().oauth2(CrierTestResource.token("auditor")).queryParam("postId", postId)
                .get("/v1/sandbox/posts").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(mine))
                .body("[0].text", equalTo("Mine"))
                .body("[0].language", equalTo("fr"))
                .body("[0].createdAt", notNullValue())
                .body("[0].postId", equalTo(postId));
        given().auth().oauth2(CrierTestResource.token("auditor")).queryParam("limit", 1)
                .get("/v1/sandbox/posts").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(newer))
                .body("[0].postId", nullValue());
    }

    @Test
    void badQueriesAreNamed() {
        given().auth().oauth2(CrierTestResource.token("ops")).queryParam("postId", "not-a-uuid")
                .get("/v1/sandbox/posts").then().statusCode(400).body("errors[0].field", equalTo("postId"));
        given().auth().oauth2(CrierTestResource.token("ops")).queryParam("limit", 0)
                .get("/v1/sandbox/posts").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private String sandboxPost(String text, String idempotencyKey) {
        String key = idempotencyKey == null ? "" : ", \"idempotencyKey\": \"" + idempotencyKey + "\"";
        return given().header("X-Sandbox-Key", this.key.value()).contentType(ContentType.JSON)
                .body("{\"text\": \"" + text + "\", \"language\": \"fr\"" + key + "}")
                .post("/sandbox/api/statuses").then().statusCode(201).extract().path("id");
    }
}
