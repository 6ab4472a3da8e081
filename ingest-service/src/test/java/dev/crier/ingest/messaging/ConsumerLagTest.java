package dev.crier.ingest.messaging;

import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code crier_consumer_lag{group,topic}} follows the broker: records a paused consumer has not read show as lag
 * for its group and topic, and the lag goes back to zero once it has read and committed them.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class ConsumerLagTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern LAG = Pattern.compile(
            "(?m)^crier_consumer_lag\\{group=\"ingest-service\",topic=\"posts.expired\"\\} ([0-9.E]+)$");

    @Inject
    KafkaClientService kafka;

    @Test
    void recordsAPausedConsumerHasNotReadAreItsLagUntilItReadsThem() {
        await().atMost(WAIT).until(() -> lag() == 0);
        kafka.getConsumer("pipeline-status").pause().await().atMost(WAIT);
        try (var policy = new EventInjector(CrierTestResource.infra().kafka(), KafkaAccess.POLICY)) {
            // Not events: on resume they go to the dead-letter topic, which is still reading and committing them.
            for (int i = 0; i < 3; i++) {
                policy.raw(Topics.POSTS_EXPIRED, UUID.randomUUID().toString(), "not an event", new RecordHeaders());
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isEqualTo(3));

        kafka.getConsumer("pipeline-status").resume().await().atMost(WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag()).isZero());
        assertThat(given().get("/q/metrics").then().extract().asString())
                .contains("crier_consumer_lag{group=\"ingest-service-replays\",topic=\"dead-letters.handled\"}");
    }

    private static double lag() {
        Matcher m = LAG.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
