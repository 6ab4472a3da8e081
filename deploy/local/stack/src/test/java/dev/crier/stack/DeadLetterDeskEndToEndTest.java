package dev.crier.stack;

import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.crier.stack.EndToEndTest.FLOW;
import static dev.crier.stack.EndToEndTest.as;
import static dev.crier.stack.EndToEndTest.awaitStatus;
import static dev.crier.stack.EndToEndTest.draft;
import static dev.crier.stack.EndToEndTest.kafka;
import static dev.crier.stack.EndToEndTest.sandboxPostsOf;
import static dev.crier.stack.EndToEndTest.submit;
import static dev.crier.stack.EndToEndTest.timeline;
import static dev.crier.stack.EndToEndTest.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter desk across the running services: a record two consumers could not read shows twice in the desk
 * (policy's copy and audit's); a replayed draft goes from the desk (audit) to its owner (ingest) and back onto
 * drafts.submitted, where every consumer applies it once by its id: nothing is decided, published or recorded twice.
 */
class DeadLetterDeskEndToEndTest {

    @BeforeAll
    static void start() {
        EndToEndTest.stack = SharedStack.get();
    }

    @Test
    void aRecordNoConsumerCouldReadIsListedOncePerConsumerAndDiscardedWithAReason() {
        String postId = UUID.randomUUID().toString();
        try (var ingest = new EventInjector(kafka(), KafkaAccess.INGEST)) {
            var headers = new RecordHeaders();
            headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            headers.add("ce_type", EventType.DRAFT_SUBMITTED.ceType().getBytes(StandardCharsets.UTF_8));
            ingest.raw(Topics.DRAFTS_SUBMITTED, postId, "{not json", headers);
        }
        List<Map<String, Object>> copies = await().atMost(FLOW).until(() -> records(postId), r -> r.size() == 2);
        assertThat(copies).extracting(r -> (String) r.get("reason")).allSatisfy(reason -> assertThat(reason).isNotBlank());

        String place = Topics.DRAFTS_SUBMITTED + "/" + copies.get(0).get("partition") + "/" + copies.get(0).get("offset");
        given(as("ops")).contentType(ContentType.JSON).body("{\"reason\": \"a malformed test record\"}")
                .post(url("audit") + "/v1/dead-letters/" + place + "/discard").then().statusCode(202);
        await().atMost(FLOW).untilAsserted(() -> assertThat(records(postId))
                .extracting(r -> r.get("handled") == null ? "open" : ((Map<?, ?>) r.get("handled")).get("action"))
                .containsExactlyInAnyOrder("DISCARD", "open"));
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(postId)).contains(EventType.DEAD_LETTER_HANDLED.ceType()));
    }

    @Test
    void aReplayedDraftGoesBackThroughItsOwnerAndChangesNothingAlreadyDone() throws Exception {
        String id = submit(draft("Service centres open at 8 on weekdays.", "Les centres ouvrent à 8 h en semaine."));
        awaitStatus(id, "PUBLISHED");
        ConsumerRecord<String, String> sent = new TopicReader(kafka()).readPost(Topics.DRAFTS_SUBMITTED, id, 1, FLOW).get(0);

        // As if policy-service had dead-lettered it: the record as it was, with a reason.
        var headers = new RecordHeaders();
        sent.headers().forEach(h -> headers.add(h.key(), h.value()));
        headers.add("dead-letter-reason", "simulated: the record could not be processed".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> config = kafka().clientConfig(KafkaAccess.POLICY);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        RecordMetadata dead;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            dead = producer.send(new ProducerRecord<>(Topics.deadLetter(Topics.DRAFTS_SUBMITTED), null, id,
                    sent.value(), headers)).get(30, TimeUnit.SECONDS);
        }
        String place = Topics.DRAFTS_SUBMITTED + "/" + dead.partition() + "/" + dead.offset();
        JsonPath shown = given(as("ops")).get(url("audit") + "/v1/dead-letters/" + place).then().statusCode(200)
                .extract().jsonPath();
        assertThat(shown.getString("reason")).contains("simulated");

        given(as("ops")).post(url("audit") + "/v1/dead-letters/" + place + "/replay").then().statusCode(202);

        List<ConsumerRecord<String, String>> submitted = new TopicReader(kafka())
                .readPost(Topics.DRAFTS_SUBMITTED, id, 2, FLOW);
        assertThat(submitted).hasSize(2);
        assertThat(new String(submitted.get(1).headers().lastHeader("crier-replay-of").value(), StandardCharsets.UTF_8))
                .isEqualTo("drafts.submitted.dlq/" + dead.partition() + "/" + dead.offset());
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(id)).contains(EventType.DEAD_LETTER_HANDLED.ceType()));

        // Once policy and the audit have committed past the replayed record, it was applied or dropped.
        ConsumerRecord<String, String> replayed = submitted.get(1);
        TopicPartition partition = new TopicPartition(replayed.topic(), replayed.partition());
        try (Admin admin = Admin.create(kafka().clientConfig(KafkaAccess.OPS_READER))) {
            for (String group : List.of("policy-service", "audit-service")) {
                await().atMost(FLOW).untilAsserted(() -> {
                    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                            .get(partition);
                    assertThat(committed).as(group).isNotNull();
                    assertThat(committed.offset()).as(group).isGreaterThan(replayed.offset());
                });
            }
        }
        assertThat(new TopicReader(kafka()).readPost(Topics.POSTS_DECIDED, id, 2, Duration.ofSeconds(3)))
                .as("decided once").hasSize(1);
        assertThat(sandboxPostsOf(id)).as("published once").hasSize(1);
        assertThat(timeline(id)).as("recorded once each")
                .containsOnlyOnce(EventType.DRAFT_SUBMITTED.ceType(), EventType.POST_DECIDED.ceType(),
                        EventType.POST_PUBLISHED.ceType());
    }

    private static List<Map<String, Object>> records(String postId) {
        return given(as("ops")).get(url("audit") + "/v1/dead-letters/" + Topics.DRAFTS_SUBMITTED).then()
                .statusCode(200).extract().jsonPath().getList("records.findAll { it.key == '" + postId + "' }");
    }
}
