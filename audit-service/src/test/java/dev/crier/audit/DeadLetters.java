package dev.crier.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Records that audit-service cannot read, dead-lettered for the desk's tests. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Puts a record with a draft's CloudEvents headers and {@code value} (not JSON) on drafts.submitted, as ingest;
     * audit-service dead-letters it. Returns it as the desk lists it.
     */
    public static JsonPath poison(EventInjector asIngest, String postId, String value) {
        asIngest.raw(Topics.DRAFTS_SUBMITTED, postId, value, CloudEventHeaders.of(TestEvents.submitted(postId)));
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath listing = given().auth().oauth2(CrierTestResource.token("ops"))
                    .get("/v1/dead-letters/drafts.submitted").then().statusCode(200).extract().jsonPath();
            Map<String, Object> found = listing.getMap("records.find { it.key == '" + postId + "' }");
            return found == null ? null : new JsonPath(new ObjectMapper().writeValueAsString(found));
        }, record -> record != null);
    }

    /** {@code <topic>/<partition>/<offset>}: where the desk's API and page name a record. */
    public static String place(JsonPath record) {
        return record.getString("topic") + "/" + record.getInt("partition") + "/" + record.getLong("offset");
    }
}
