package dev.crier.stack;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.crier.stack.EndToEndTest.FLOW;
import static dev.crier.stack.EndToEndTest.as;
import static dev.crier.stack.EndToEndTest.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * publish-service lists its accounts on accounts.registry when it starts; ingest refuses at the door, with the
 * platform's field, a draft none of them could take, instead of letting it fail after its decision; the audit
 * records the registry it was given.
 */
class RefusalAtTheDoorEndToEndTest {

    @BeforeAll
    static void start() {
        EndToEndTest.stack = SharedStack.get();
    }

    @Test
    void ingestKnowsPublishsAccountsAndRefusesADraftNoneCanTake() {
        await().atMost(FLOW).untilAsserted(() -> given(as("submitter")).get(url("ingest") + "/v1/accounts").then()
                .statusCode(200).body("known", equalTo(true))
                .body("accounts.handle", hasItems("hc-sandbox", "esdc-sandbox", "phac-en-sandbox", "cra-fr-sandbox")));

        given(as("submitter")).contentType(ContentType.JSON).body("""
                        {"text": "Benefits are paid on Thursday.", "translations": {"fr": "Les prestations sont versées jeudi."},
                         "platforms": ["sandbox", "linkedin"], "author": {"id": "u-e2e", "department": "ESDC"}}""")
                .post(url("ingest") + "/v1/drafts").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("platforms[1]"))
                .body("errors[0].message", equalTo("no official linkedin account for department ESDC"));
        given(as("submitter")).contentType(ContentType.JSON).body("""
                        {"text": "Les impôts sont dus le 30 avril.", "language": "fr",
                         "platforms": ["sandbox"], "author": {"id": "u-e2e", "department": "PHAC"}}""")
                .post(url("ingest") + "/v1/drafts").then().statusCode(422)
                .body("errors[0].field", equalTo("platforms[0]"));

        await().atMost(FLOW).untilAsserted(() -> assertThat(given(as("auditor"))
                .queryParam("type", "dev.crier.accounts.listed").get(url("audit") + "/v1/audit/records").then()
                .statusCode(200).extract().jsonPath().getList("records.topic", String.class))
                .contains("accounts.registry"));
    }
}
