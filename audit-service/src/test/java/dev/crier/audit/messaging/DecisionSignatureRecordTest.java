package dev.crier.audit.messaging;

import dev.crier.audit.TestEvents;
import dev.crier.events.Draft;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each decision the audit records carries whether its signature verified when it arrived, checked on the event as
 * sent (this one holds an e-mail address, so it is stored masked, which no signature covers).
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class DecisionSignatureRecordTest {

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void eachDecisionsSignatureCheckIsRecorded() throws Exception {
        var keys = CrierTestResource.infra().decisionKeys();
        assertThat(recordedCheck(keys::sign)).isEqualTo("verified");
        assertThat(recordedCheck(d -> d)).isEqualTo("unsigned");
        var unknown = new DecisionSigner("retired-key", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        assertThat(recordedCheck(unknown::sign)).isEqualTo("unknown-key");
        assertThat(recordedCheck(d -> altered(keys.sign(d)))).startsWith("failed: the signature by key '" + keys.keyId() + "'");
    }

    private String recordedCheck(java.util.function.UnaryOperator<PostDecided> sign) {
        String postId = UUID.randomUUID().toString();
        Event<PostDecided> decided = TestEvents.decided(postId, "d".repeat(64));
        PostDecided data = sign.apply(withText(decided.data(), "Write to pat@example.org"));
        injector.send(new Event<>(decided.id(), EventType.POST_APPROVED, decided.source(), postId, decided.time(), data));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(CrierTestResource.token("auditor"))
                .get("/v1/audit/posts/" + postId).then().statusCode(200));
        var timeline = given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/" + postId)
                .then().extract().jsonPath();
        assertThat(timeline.getString("records[0].data.draft.text")).as("stored masked").startsWith("Write to [email]");
        return timeline.getString("records[0].signatureCheck");
    }

    private static PostDecided altered(PostDecided d) {
        return withText(d, d.draft().text() + " now");
    }

    private static PostDecided withText(PostDecided d, String text) {
        Draft x = d.draft();
        return new PostDecided(d.postId(), d.decision(), d.riskScore(), d.findings(), d.shadowFindings(), d.policy(),
                d.decidedAt(), new Draft(text, x.language(), x.translations(), x.platforms(), x.media(), x.author(),
                x.category(), x.publishAt(), x.repostOf(), x.externalId()), d.review(), d.signature());
    }
}
