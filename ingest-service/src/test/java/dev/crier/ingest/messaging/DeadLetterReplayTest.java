package dev.crier.ingest.messaging;

import dev.crier.events.DeadLetterHandled;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ingest-service owns drafts.submitted, so it is the one that sends a dead-lettered draft back when ops replay it:
 * as it was (key, value, CloudEvents headers), without the dead-letter headers, marked as a replay; and only a draft
 * it let in, as it let it in. A discard, or a replay of another owner's topic, sends nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class DeadLetterReplayTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final KafkaBroker KAFKA = CrierTestResource.infra().kafka();
    static final String DRAFT = """
            {"text": "Passport offices open on Saturday.", "language": "en",
             "translations": {"fr": "Les bureaux des passeports ouvrent samedi."},
             "platforms": ["sandbox"], "author": {"id": "u-1", "name": "Pat", "department": "HC"}}""";

    final EventInjector audit = new EventInjector(KAFKA, KafkaAccess.AUDIT);

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void aReplayedDraftGoesBackToItsTopicAsItWasAndMarkedAsAReplay() throws Exception {
        ConsumerRecord<String, String> sent = submitted();
        String postId = sent.key();
        RecordMetadata dead = deadLetter(Topics.DRAFTS_SUBMITTED, postId, sent.value(), copy(sent.headers()));

        audit.send(handled(DeadLetterHandled.Action.REPLAY, Topics.DRAFTS_SUBMITTED, postId, dead));

        var records = new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, postId, 2, WAIT);
        assertThat(records).hasSize(2);
        ConsumerRecord<String, String> back = records.get(1);
        assertThat(back.value()).isEqualTo(sent.value());
        Map<String, String> headers = text(back.headers());
        assertThat(headers).containsEntry("crier-replay-of", "drafts.submitted.dlq/" + dead.partition() + "/"
                        + dead.offset())
                .containsEntry(CloudEventHeaders.ID, text(sent.headers()).get(CloudEventHeaders.ID))
                .containsEntry(CloudEventHeaders.TYPE, EventType.DRAFT_SUBMITTED.ceType())
                .containsKey("crier-replay-event");
        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("dead-letter-"));
    }

    @Test
    void ingestSendsBackNoDraftItDidNotLetIn() throws Exception {
        ConsumerRecord<String, String> sent = submitted();
        String accepted = sent.key();
        String stranger = UUID.randomUUID().toString();
        // A draft nobody submitted, a draft under another submitter's name, a draft with another event id.
        RecordMetadata neverAccepted = deadLetter(Topics.DRAFTS_SUBMITTED, stranger,
                sent.value().replace(accepted, stranger), copy(sent.headers()));
        RecordMetadata otherName = deadLetter(Topics.DRAFTS_SUBMITTED, accepted,
                sent.value().replace("\"submittedBy\":\"local-submitter\"", "\"submittedBy\":\"local-comms-head\""),
                copy(sent.headers()));
        Headers otherIdHeaders = copy(sent.headers());
        otherIdHeaders.remove(CloudEventHeaders.ID);
        otherIdHeaders.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        RecordMetadata otherId = deadLetter(Topics.DRAFTS_SUBMITTED, accepted, sent.value(), otherIdHeaders);
        assertThat(sent.value()).contains("\"submittedBy\":\"local-submitter\"");

        for (RecordMetadata at : List.of(neverAccepted, otherName, otherId)) {
            audit.send(handled(DeadLetterHandled.Action.REPLAY, Topics.DRAFTS_SUBMITTED,
                    at == neverAccepted ? stranger : accepted, at));
        }
        awaitReplaysConsumed();
        assertThat(new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, stranger, 1, Duration.ofSeconds(2)))
                .isEmpty();
        assertThat(new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, accepted, 2, Duration.ofSeconds(2)))
                .as("only the draft as ingest sent it").hasSize(1);
    }

    @Test
    void aDiscardOrAReplayOfAnotherOwnersTopicSendsNothing() throws Exception {
        ConsumerRecord<String, String> discarded = submitted();
        ConsumerRecord<String, String> replayed = submitted();
        String notOurs = UUID.randomUUID().toString();
        RecordMetadata a = deadLetter(Topics.DRAFTS_SUBMITTED, discarded.key(), discarded.value(),
                copy(discarded.headers()));
        RecordMetadata b = deadLetter(Topics.POSTS_DECIDED, notOurs, "{}", new RecordHeaders());
        RecordMetadata c = deadLetter(Topics.DRAFTS_SUBMITTED, replayed.key(), replayed.value(),
                copy(replayed.headers()));

        audit.send(handled(DeadLetterHandled.Action.DISCARD, Topics.DRAFTS_SUBMITTED, discarded.key(), a));
        audit.send(handled(DeadLetterHandled.Action.REPLAY, Topics.POSTS_DECIDED, notOurs, b));
        audit.send(handled(DeadLetterHandled.Action.REPLAY, Topics.DRAFTS_SUBMITTED, replayed.key(), c));

        // The third is replayed; once all three were handled, nothing came of the first two.
        assertThat(new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, replayed.key(), 2, WAIT)).hasSize(2);
        awaitReplaysConsumed();
        assertThat(new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, discarded.key(), 2, Duration.ofSeconds(2)))
                .hasSize(1);
        assertThat(new TopicReader(KAFKA).readPost(Topics.POSTS_DECIDED, notOurs, 1, Duration.ofSeconds(2)))
                .isEmpty();
    }

    /** A draft submitted through ingest's door, as its drafts.submitted record. */
    private static ConsumerRecord<String, String> submitted() {
        String id = given().auth().oauth2(CrierTestResource.token("submitter")).contentType(ContentType.JSON)
                .body(DRAFT).post("/v1/drafts").then().statusCode(202).extract().path("id");
        return new TopicReader(KAFKA).readPost(Topics.DRAFTS_SUBMITTED, id, 1, WAIT).get(0);
    }

    private static Headers copy(Headers headers) {
        Headers copy = new RecordHeaders();
        headers.forEach(h -> copy.add(h.key(), h.value()));
        return copy;
    }

    /** Writes a record to the topic's dead-letter topic as one of the topic's consumers would. */
    private static RecordMetadata deadLetter(String topic, String key, String value, Headers headers) throws Exception {
        headers.add("dead-letter-reason", "it failed".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> config = KAFKA.clientConfig(KafkaAccess.writerOf(Topics.deadLetter(topic)));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(Topics.deadLetter(topic), null, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Event<DeadLetterHandled> handled(DeadLetterHandled.Action action, String topic, String key,
                                                    RecordMetadata at) {
        var data = new DeadLetterHandled(action, Topics.deadLetter(topic), at.partition(), at.offset(), topic, key,
                null, action == DeadLetterHandled.Action.DISCARD ? "a test" : null, "local-ops", Instant.now());
        return Event.of(EventType.DEAD_LETTER_HANDLED, "/audit-service/dead-letter-desk", key, data.place(),
                data.handledAt(), data);
    }

    private static void awaitReplaysConsumed() throws Exception {
        try (var admin = KAFKA.admin()) {
            await().atMost(WAIT).untilAsserted(() -> {
                var topic = Topics.DEAD_LETTERS_HANDLED;
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p,
                        p -> OffsetSpec.latest()))).all().get();
                var committed = admin.listConsumerGroupOffsets("ingest-service-replays")
                        .partitionsToOffsetAndMetadata().get();
                for (var p : partitions) {
                    long end = ends.get(p).offset();
                    long at = committed.containsKey(p) && committed.get(p) != null ? committed.get(p).offset() : 0;
                    assertThat(at).as(p.toString()).isEqualTo(end);
                }
            });
        }
    }

    private static Map<String, String> text(Headers headers) {
        return StreamSupport.stream(headers.spliterator(), false).collect(Collectors.toMap(
                Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (x, y) -> y));
    }
}
