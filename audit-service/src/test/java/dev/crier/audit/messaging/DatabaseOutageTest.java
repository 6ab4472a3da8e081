package dev.crier.audit.messaging;

import dev.crier.audit.TestEvents;
import dev.crier.events.Event;
import dev.crier.events.Topics;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.LocalInfra;
import dev.crier.infra.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit database away for far longer than the consumer's retry budget while events arrive: the recorder pauses
 * and dead-letters nothing, and once the database is back every event is in the ledger exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class DatabaseOutageTest {

    static final String APP_ROLE = LocalInfra.runtimeRole("audit");

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "crier.consumer.max-attempts")
    int maxAttempts;

    @ConfigProperty(name = "crier.consumer.max-backoff")
    Duration maxBackoff;

    @AfterEach
    void close() {
        injector.close();
    }

    @Test
    void anOutageLongerThanTheRetryBudgetPausesTheRecorderAndLosesNothing() throws Exception {
        List<Event<?>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String postId = UUID.randomUUID().toString();
            events.add(TestEvents.submitted(postId));
            events.add(TestEvents.decided(postId, "a".repeat(64)));
        }
        injector.send(events.get(0));
        awaitRecorded(events.subList(0, 1));

        Duration outage = maxBackoff.multipliedBy(maxAttempts * 4L);
        databaseAway(true);
        try {
            for (Event<?> event : events.subList(1, events.size())) {
                injector.send(event);
                Thread.sleep(outage.toMillis() / events.size());
            }
            Thread.sleep(outage.toMillis() / 2);
        } finally {
            databaseAway(false);
        }

        awaitRecorded(events);
        var reader = new TopicReader(CrierTestResource.infra().kafka());
        Set<String> posts = Set.copyOf(events.stream().map(Event::postId).toList());
        for (String topic : List.of(Topics.DRAFTS_SUBMITTED, Topics.POSTS_DECIDED)) {
            assertThat(reader.read(Topics.deadLetter(topic), r -> posts.contains(r.key()), 1, Duration.ofSeconds(3)))
                    .as("dead letters on " + topic).isEmpty();
        }
    }

    /** As an administrator would: the service's role may not log in, and its sessions are ended; or back again. */
    private static void databaseAway(boolean away) throws SQLException {
        try (Connection c = CrierTestResource.infra().postgres().superuser("postgres");
             Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + APP_ROLE + (away ? " NOLOGIN" : " LOGIN"));
            if (away) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + APP_ROLE + "'");
            }
        }
    }

    /** Waits until each event is in the ledger, and checks none is there twice. */
    private void awaitRecorded(List<Event<?>> events) throws SQLException {
        String[] ids = events.stream().map(Event::id).toArray(String[]::new);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(counts(ids)).hasSize(ids.length));
        assertThat(counts(ids).values()).as("records per event").containsOnly(1L);
    }

    private Map<String, Long> counts(String[] ids) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT event_id, count(*) FROM audit_records WHERE event_id = ANY (?) GROUP BY event_id")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
