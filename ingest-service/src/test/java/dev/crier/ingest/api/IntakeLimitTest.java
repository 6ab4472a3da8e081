package dev.crier.ingest.api;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** ingest with room for one submission at a time: one more is refused at once, and taken once the first ends. */
@QuarkusTest
@TestProfile(IntakeLimitTest.OneAtATime.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class IntakeLimitTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crier.ingest.intake.max-in-flight", "1");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aSubmissionPastTheBoundIs503WithRetryAfterAndTheNextIsTakenOnceTheFirstEnds() throws Exception {
        String token = CrierTestResource.token("submitter");
        byte[] body = DraftResourceTest.DRAFT.getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket(base.getHost(), base.getPort())) {
            // A submission whose body is still on its way holds the one place.
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/drafts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body(DraftResourceTest.DRAFT).post("/v1/drafts")
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("type", equalTo("https://crier.dev/problems/unavailable")));

            out.write(body, 10, body.length - 10);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 202");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(CrierTestResource.token("submitter"))
                .contentType(ContentType.JSON).body(DraftResourceTest.DRAFT).post("/v1/drafts").then().statusCode(202));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("crier_ingest_refused_busy_total(\\{[^}]*})? [1-9]");
    }
}
