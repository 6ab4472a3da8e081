package dev.crier.policy.messaging;

import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.LocalInfra;
import dev.crier.infra.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.crier.policy.messaging.DraftConsumerTest.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batched DraftConsumer on the real broker and database, with quick retries (a failing draft is dead-lettered
 * after two attempts 100 ms apart): bad records are dealt with alone, a redelivered batch changes nothing, and an
 * outage of the database, however long, pauses the consumer and dead-letters nothing.
 */
@QuarkusTest
@TestProfile(DraftBatchTest.QuickRetries.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class DraftBatchTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration ABSENT = Duration.ofSeconds(3);
    static final String APP_ROLE = LocalInfra.runtimeRole("policy");

    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crier.consumer.max-attempts", "2", "crier.consumer.first-backoff", "100ms",
                    "crier.consumer.max-backoff", "400ms");
        }
    }

    final DraftTraffic traffic = new DraftTraffic();
    final TopicReader topics = new TopicReader(CrierTestResource.infra().kafka());

    @AfterEach
    void close() {
        traffic.close();
    }

    @Test
    void aPoisonRecordAndADraftTheDatabaseRefusesAreDeadLetteredAloneAndTheOthersDecidedOnce() throws Exception {
        List<String> good = DraftTraffic.postIds(6);
        String poisonKey = UUID.randomUUID().toString();
        String refusedId = UUID.randomUUID().toString();
        List<ProducerRecord<String, String>> batch = new ArrayList<>();
        for (String id : good.subList(0, 2)) {
            batch.add(traffic.record(submitted(id, "Flu clinics open Monday.", List.of())));
        }
        batch.add(DraftTraffic.poison(poisonKey));
        batch.add(traffic.record(submitted(good.get(2), "Flu clinics open Tuesday.", List.of())));
        // Valid by the schema, refused by PostgreSQL every time (text may not hold a NUL): work that always fails.
        batch.add(traffic.record(submittedBy(refusedId, "cms\u0000")));
        for (String id : good.subList(3, 6)) {
            batch.add(traffic.record(submitted(id, "Flu clinics open Wednesday.", List.of())));
        }
        traffic.burst(batch);

        await().atMost(WAIT).until(() -> DraftTraffic.decisions(good).size() == good.size());
        traffic.awaitDrained(WAIT);

        assertThat(DraftTraffic.decisions(List.of(refusedId))).isEmpty();
        Set<String> all = new HashSet<>(good);
        all.add(refusedId);
        var decided = topics.read(Topics.POSTS_DECIDED, r -> all.contains(r.key()), all.size() + 1, ABSENT);
        assertThat(DraftTraffic.perPost(decided)).as("one decision per good draft, none for the refused one")
                .containsOnlyKeys(good).allSatisfy((post, n) -> assertThat(n).isEqualTo(1));
        var approved = topics.read(Topics.POSTS_APPROVED, r -> all.contains(r.key()), all.size() + 1, ABSENT);
        assertThat(DraftTraffic.perPost(approved)).containsOnlyKeys(good).allSatisfy((post, n) -> assertThat(n).isEqualTo(1));

        var dead = topics.read(Topics.deadLetter(Topics.DRAFTS_SUBMITTED),
                r -> r.key().equals(poisonKey) || r.key().equals(refusedId) || good.contains(r.key()), 3, ABSENT);
        assertThat(DraftTraffic.perPost(dead)).containsOnlyKeys(poisonKey, refusedId)
                .allSatisfy((post, n) -> assertThat(n).isEqualTo(1));
        assertThat(reason(dead, poisonKey)).contains("missing ce_specversion");
        assertThat(reason(dead, refusedId)).contains("failed 2 times").contains("refused");
    }

    @Test
    void aRedeliveredBatchChangesNothingAndSendsNoNewEvent() throws Exception {
        List<String> posts = DraftTraffic.postIds(5);
        List<ProducerRecord<String, String>> batch = new ArrayList<>();
        for (String id : posts) {
            batch.add(traffic.record(submitted(id, "Our offices close at noon on Friday.", List.of())));
        }
        traffic.burst(batch);
        await().atMost(WAIT).until(() -> DraftTraffic.decisions(posts).size() == posts.size());
        traffic.awaitDrained(WAIT);
        Map<String, Instant> before = DraftTraffic.decisions(posts);
        Set<String> eventIds = ids(topics.read(Topics.POSTS_DECIDED, r -> posts.contains(r.key()), posts.size(), WAIT));
        assertThat(eventIds).hasSize(posts.size());

        traffic.burst(batch);
        traffic.awaitDrained(WAIT);

        assertThat(DraftTraffic.decisions(posts)).as("decisions untouched").isEqualTo(before);
        var decided = topics.read(Topics.POSTS_DECIDED, r -> posts.contains(r.key()), posts.size() + 1, ABSENT);
        assertThat(ids(decided)).as("no event sent again").isEqualTo(eventIds).hasSize(decided.size());
        assertThat(topics.read(Topics.deadLetter(Topics.DRAFTS_SUBMITTED), r -> posts.contains(r.key()), 1, ABSENT)).isEmpty();
    }

    @Test
    void anOutageOfTheDatabasePausesTheConsumerAndNoDraftIsDeadLettered() throws Exception {
        List<String> posts = DraftTraffic.postIds(8);
        try {
            // The service may no longer log in, and its connections are cut: the database is away for it.
            try (Connection admin = DraftTraffic.database(); Statement s = admin.createStatement()) {
                s.execute("ALTER ROLE " + APP_ROLE + " NOLOGIN");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + APP_ROLE + "'");
            }
            List<ProducerRecord<String, String>> batch = new ArrayList<>();
            for (String id : posts) {
                batch.add(traffic.record(submitted(id, "Passport offices open late on Thursday.", List.of())));
            }
            traffic.burst(batch);
            // Far longer than max-attempts x backoff (2 x 100 ms): a failure counted against the drafts would have
            // dead-lettered them by now.
            Thread.sleep(5_000);
            assertThat(DraftTraffic.decisions(posts)).isEmpty();
        } finally {
            try (Connection admin = DraftTraffic.database(); Statement s = admin.createStatement()) {
                s.execute("ALTER ROLE " + APP_ROLE + " LOGIN");
            }
        }

        await().atMost(WAIT).until(() -> DraftTraffic.decisions(posts).size() == posts.size());
        traffic.awaitDrained(WAIT);
        var decided = topics.read(Topics.POSTS_DECIDED, r -> posts.contains(r.key()), posts.size() + 1, ABSENT);
        assertThat(DraftTraffic.perPost(decided)).containsOnlyKeys(posts).allSatisfy((post, n) -> assertThat(n).isEqualTo(1));
        assertThat(topics.read(Topics.deadLetter(Topics.DRAFTS_SUBMITTED), r -> posts.contains(r.key()), 1, ABSENT))
                .as("nothing dead-lettered for an outage").isEmpty();
    }

    static Event<DraftSubmitted> submittedBy(String postId, String submitter) {
        var draft = submitted(postId, "Flu clinics open Thursday.", List.of()).data().draft();
        return Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, submitter, null, Instant.now()));
    }

    private static Set<String> ids(List<ConsumerRecord<String, String>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(header(r, CloudEventHeaders.ID)));
        return ids;
    }

    private static String reason(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).map(r -> header(r, "dead-letter-reason")).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
