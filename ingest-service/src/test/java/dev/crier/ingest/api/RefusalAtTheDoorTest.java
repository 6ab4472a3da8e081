package dev.crier.ingest.api;

import dev.crier.events.AccountsListed;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/**
 * With publish-service's account registry on accounts.registry, ingest refuses at the door, with the platform's
 * field, a draft that no official account could take, and shows submitters the accounts they can target.
 */
@QuarkusTest
@TestProfile(RefusalAtTheDoorTest.Refusing.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class RefusalAtTheDoorTest {

    public static class Refusing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crier.ingest.intake.refuse-without-account", "true", "crier.ingest.accounts-poll", "200ms");
        }
    }

    @Test
    void aDraftNoAccountCanTakeIsRefusedWithThePlatformsFieldAndTheAccountsAreListed() {
        var listed = new AccountsListed(List.of(new AccountsListed.Account("sandbox", "hc-sandbox", "HC", "bilingual"),
                new AccountsListed.Account("x", "@SanteCanada", "HC", "fr")), Instant.now());
        try (var publish = new EventInjector(CrierTestResource.infra().kafka(), KafkaAccess.PUBLISH)) {
            publish.send(Event.of(EventType.ACCOUNTS_LISTED, "/crier/publish-service", AccountsListed.KEY,
                    "door-test", listed.listedAt(), listed));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(CrierTestResource.token("submitter"))
                .get("/v1/accounts").then().statusCode(200).body("known", equalTo(true))
                .body("accounts.handle", hasItems("hc-sandbox", "@SanteCanada")));

        submit("""
                {"text": "Flu clinics open Monday.", "translations": {"fr": "Les cliniques ouvrent lundi."},
                 "platforms": ["sandbox", "linkedin"], "author": {"id": "u-1", "department": "HC"}}""")
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crier.dev/problems/no-account"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("platforms[1]"))
                .body("errors[0].message", equalTo("no official linkedin account for department HC"));
        submit("""
                {"text": "Flu clinics open Monday.", "platforms": ["x"], "author": {"id": "u-1", "department": "HC"}}""")
                .statusCode(422).body("errors[0].field", equalTo("platforms[0]"))
                .body("errors[0].message", containsString("publishes in French only and the draft has no French version"));
        submit("""
                {"text": "Flu clinics open Monday.", "translations": {"fr": "Les cliniques ouvrent lundi."},
                 "platforms": ["sandbox", "x"], "author": {"id": "u-1", "department": "hc"}}""")
                .statusCode(202);
        given().get("/v1/accounts").then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse submit(String body) {
        return given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/drafts").then();
    }
}
