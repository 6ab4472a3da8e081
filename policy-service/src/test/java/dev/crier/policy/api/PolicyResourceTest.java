package dev.crier.policy.api;

import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The evaluate endpoint, and a policy file that reloads without a restart and refuses to break. */
@QuarkusTest
@TestProfile(PolicyResourceTest.WithPolicyFile.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class PolicyResourceTest {

    static final Path POLICY_FILE = copyOfDefaultPolicy();

    public static class WithPolicyFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crier.policy.file", POLICY_FILE.toString());
        }
    }

    @Test
    void evaluateExplainsEachFindingWithoutSubmitting() {
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON)
                .body("""
                        {"text": "Call Pat at 613-555-0199 or write pat@gmail.com", "translations": {"fr": "Appelez Pat au 613-555-0199"},
                         "platforms": ["x"], "author": {"id": "u-1"}}""")
                .post("/v1/policy/evaluate")
                .then().statusCode(200)
                .body("decision", equalTo("NEEDS_REVIEW"))
                .body("findings.ruleId", hasItem("privacy.phone"))
                .body("findings.ruleId", hasItem("privacy.email"))
                .body("findings.find { it.ruleId == 'privacy.phone' }.excerpt", equalTo("***-***-*199"))
                .body("findings.find { it.ruleId == 'privacy.phone' }.messageFr", containsString("numéro"))
                .body("policy.id", equalTo("canada-federal"));
    }

    @Test
    void evaluateRefusesWhatIsNotADraftAndNeedsTheSubmitterRole() {
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON)
                .body("{\"text\": \"\", \"platforms\": [\"x\"]}").post("/v1/policy/evaluate")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("text"));
        given().auth().oauth2(CrierTestResource.token("auditor")).contentType(ContentType.JSON)
                .body("{\"text\": \"hi\", \"platforms\": [\"x\"], \"author\": {\"id\": \"u\"}}").post("/v1/policy/evaluate")
                .then().statusCode(403);
    }

    @Test
    void aChangedFileIsPutInForceAndAnInvalidOneIsRefused() throws Exception {
        String original = Files.readString(POLICY_FILE);
        try {
            Files.writeString(POLICY_FILE, original.replace("version: \"2026.11.1\"", "version: \"2026.11.2\""));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().auth().oauth2(CrierTestResource.token("ops")).get("/v1/policy").then().body("version", equalTo("2026.11.2")));
            var reloads = new TopicReader(CrierTestResource.infra().kafka())
                    .read(Topics.POLICY_CHANGES, r -> r.value().contains("\"version\":\"2026.11.2\""), 1, Duration.ofSeconds(20));
            assertThat(reloads).hasSize(1);
            assertThat(reloads.get(0).value()).contains("\"previousVersion\":\"2026.11.1\"").contains("file changed");

            Files.writeString(POLICY_FILE, original.replace("privacy.sin:               { action: BLOCK }",
                    "privacy.sin:               { action: BLOK }"));
            given().auth().oauth2(CrierTestResource.token("ops")).post("/v1/policy/reload")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("line 14")).body("detail", containsString("BLOCK, REVIEW or ADVISORY"));
            given().auth().oauth2(CrierTestResource.token("ops")).get("/v1/policy").then().body("version", equalTo("2026.11.2"));
            given().auth().oauth2(CrierTestResource.token("reviewer")).post("/v1/policy/reload").then().statusCode(403);
        } finally {
            Files.writeString(POLICY_FILE, original);
        }
    }

    private static Path copyOfDefaultPolicy() {
        try (InputStream in = PolicyResourceTest.class.getResourceAsStream("/policies/canada-federal.yaml")) {
            Path file = Files.createTempFile("crier-policy-", ".yaml");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
