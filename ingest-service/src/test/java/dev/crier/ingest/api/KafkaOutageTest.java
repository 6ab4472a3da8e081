package dev.crier.ingest.api;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.TopicReader;
import dev.crier.ingest.domain.Submitter;
import dev.crier.ingest.store.DraftStore;
import dev.crier.platform.store.Database;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Without the broker, ingest answers 503 with Retry-After and never 202, and takes the draft back: it is not
 * published later behind the client's back (a client without a key would submit it again). The retry with the same
 * key lands once, under the same post id.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class KafkaOutageTest {

    @Inject
    Database database;

    @Inject
    DraftStore store;

    @Test
    void noAcknowledgementMeansNo202AndNothingSentLater() throws SQLException {
        String key = UUID.randomUUID().toString();
        String keyless = "cms-" + UUID.randomUUID();
        var kafka = CrierTestResource.infra().kafka();
        kafka.stop();
        try {
            submit(key, DraftResourceTest.DRAFT).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("title", equalTo("Service unavailable"));
            submit(null, DraftResourceTest.DRAFT.replace("cms-1", keyless)).then().statusCode(503);
        } finally {
            kafka.start();
        }
        UUID keyed = draftId("external_id = 'cms-1' AND idempotency_key = ?", key);
        UUID refused = draftId("external_id = ?", keyless);
        assertThat(outboxRows()).as("both events taken back").isZero();
        assertThat(accepted(keyed)).isFalse();
        assertThat(accepted(refused)).isFalse();
        assertThat(store.takeBack(refused, eventId(refused))).as("a second take-back does not call it sent").isFalse();
        var topic = new TopicReader(kafka);
        // Well past the relay's own rounds (every second): had the events stayed in the outbox, they would be out.
        assertThat(topic.readPost(Topics.DRAFTS_SUBMITTED, refused.toString(), 1, Duration.ofSeconds(5))).isEmpty();
        assertThat(topic.readPost(Topics.DRAFTS_SUBMITTED, keyed.toString(), 1, Duration.ofSeconds(1))).isEmpty();

        String id = submit(key, DraftResourceTest.DRAFT).then().statusCode(202).extract().path("id");
        assertThat(id).as("the same post id").isEqualTo(keyed.toString());
        assertThat(topic.readPost(Topics.DRAFTS_SUBMITTED, id, 2, Duration.ofSeconds(5))).hasSize(1);
        assertThat(submit(key, DraftResourceTest.DRAFT).then().statusCode(202).extract().<String>path("id"))
                .isEqualTo(id);
        assertThat(topic.readPost(Topics.DRAFTS_SUBMITTED, id, 2, Duration.ofSeconds(3))).hasSize(1);
    }

    /** A take-back waits for a relay that is sending, and an event the relay sent is not called unsent. */
    @Test
    void aTakeBackWaitsForTheRelay() throws Exception {
        try (Connection relay = CrierTestResource.infra().postgres().superuser("crier_ingest")) {
            relay.setAutoCommit(false);
            try (Statement s = relay.createStatement()) {
                // As the relay does it: its lock first (the service's own relay waits meanwhile), then, as if Kafka
                // acknowledged the event, its row deleted.
                s.execute("SELECT pg_advisory_xact_lock(" + 0x6372696572L + ")");
                UUID sent = pendingDraft();
                s.execute("DELETE FROM outbox WHERE subject = '" + sent + "'");
                var takeBack = CompletableFuture.supplyAsync(() -> store.takeBack(sent, eventId(sent)));
                Thread.sleep(1000);
                assertThat(takeBack).as("waiting for the relay's lock").isNotDone();
                relay.commit();
                assertThat(takeBack.get(10, TimeUnit.SECONDS)).as("sent").isTrue();
                assertThat(accepted(sent)).isTrue();
            }
        }
    }

    /** A draft and its event committed, as a submission leaves them before the flush. */
    private UUID pendingDraft() {
        UUID id = UUID.randomUUID();
        var submitter = new Submitter("local-submitter", null, Set.of("HC"));
        database.inTransaction(c -> {
            store.insertAccepted(c, id, submitter, null, "hash", null);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (event_id, ce_type, source, subject, "
                    + "event_time, payload) VALUES (?, ?, '/test', ?, now(), '{}')")) {
                ps.setString(1, eventId(id));
                ps.setString(2, EventType.DRAFT_SUBMITTED.ceType());
                ps.setString(3, id.toString());
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    private static String eventId(UUID postId) {
        return Event.idOf(EventType.DRAFT_SUBMITTED, postId.toString(), null);
    }

    private static io.restassured.response.Response submit(String key, String body) {
        var request = given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.body(body).post("/v1/drafts");
    }

    private UUID draftId(String where, String parameter) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM drafts WHERE " + where)) {
                ps.setString(1, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the draft is remembered").isTrue();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    private boolean accepted(UUID id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT accepted FROM drafts WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private long outboxRows() {
        return database.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
