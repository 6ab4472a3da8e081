package dev.crier.publish.api;

import dev.crier.infra.CrierTestResource;
import dev.crier.publish.config.SandboxApiKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The sandbox plays a platform: its own credential, not Crier's tokens, and one post per idempotency key. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "publish"))
class SandboxPlatformResourceTest {

    static final String PATH = "/sandbox/api/statuses";

    @Inject
    SandboxApiKey key;

    @Test
    void aWrongOrMissingKeyIs401() {
        post("not-the-key", body("hello", UUID.randomUUID().toString())).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(body("hello", "k")).post(PATH).then().statusCode(401);
        given().auth().oauth2(CrierTestResource.token("ops")).contentType(ContentType.JSON).body(body("hello", "k"))
                .post(PATH).then().statusCode(401);
    }

    @Test
    void theSameIdempotencyKeyPostsOnce() {
        String idempotencyKey = UUID.randomUUID() + ":sandbox";
        var created = post(key.value(), body("Flu clinics open Monday.", idempotencyKey)).then().statusCode(201).extract();
        String id = created.path("id");
        String url = created.path("url");
        assertThat(created.header("Location")).isEqualTo(url).endsWith(PATH + "/" + id);

        post(key.value(), body("Flu clinics open Monday.", idempotencyKey)).then().statusCode(200)
                .body("id", equalTo(id)).body("url", equalTo(url));

        given().header("X-Sandbox-Key", key.value()).get(url).then().statusCode(200)
                .body("id", equalTo(id)).body("text", equalTo("Flu clinics open Monday.")).body("language", equalTo("en"));
        given().get(url).then().statusCode(401);
        given().header("X-Sandbox-Key", key.value()).get(PATH + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aPostWithoutTextIsRefused() {
        post(key.value(), "{\"language\": \"en\"}").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("text"));
    }

    private static Response post(String sandboxKey, String body) {
        return given().header("X-Sandbox-Key", sandboxKey).contentType(ContentType.JSON).body(body).post(PATH);
    }

    private static String body(String text, String idempotencyKey) {
        return "{\"text\": \"" + text + "\", \"language\": \"en\", \"idempotencyKey\": \"" + idempotencyKey + "\"}";
    }
}
