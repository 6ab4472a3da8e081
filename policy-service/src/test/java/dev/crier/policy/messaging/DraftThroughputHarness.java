package dev.crier.policy.messaging;

import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.crier.policy.messaging.DraftConsumerTest.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a test (its name keeps it out of the build's test run): a burst of drafts put straight on
 * drafts.submitted, and how fast the batched DraftConsumer decides them. Run it on its own:
 * {@code ./mvnw -o -B -pl policy-service -am verify -Dtest=DraftThroughputHarness -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dcrier.harness.drafts=N} for another size than 5,000).
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class DraftThroughputHarness {

    /** Mostly clean drafts, with some for review (an e-mail address) and some rejected (a SIN), as in real traffic. */
    static final List<String> TEXTS = List.of(
            "Flu clinics open Monday at the community centre. Bring your health card.",
            "Our offices close at noon on Friday for the holiday.",
            "Passport offices open late on Thursday this week.",
            "Questions? Write pat.martin@gmail.com before Friday.",
            "Call me, my SIN is 130 692 544");

    final DraftTraffic traffic = new DraftTraffic();

    @AfterEach
    void close() {
        traffic.close();
    }

    @Test
    void decideABurst() throws Exception {
        decide(500); // warm-up: the JIT, the pools, the consumer's assignment
        int n = Integer.getInteger("crier.harness.drafts", 5_000);
        long start = System.nanoTime();
        List<Event<DraftSubmitted>> drafts = decide(n);
        long decided = System.nanoTime();
        traffic.awaitDrained(Duration.ofMinutes(5));
        long drained = System.nanoTime();

        List<Instant> times = new ArrayList<>(DraftTraffic.decisions(drafts.stream().map(Event::postId).toList()).values());
        Collections.sort(times);
        Duration busy = Duration.between(times.get(0), times.get(times.size() - 1));
        System.out.printf("%n%d drafts: all decided (committed) %.2f s after the burst began, %.0f decisions/s; "
                        + "first to last decision %.2f s (%.0f/s); all events sent and records committed after %.2f s; %s%n%n",
                n, seconds(decided - start), n / seconds(decided - start), busy.toMillis() / 1000.0,
                n / (busy.toMillis() / 1000.0), seconds(drained - start), batches(drafts));
        assertThat(times).hasSize(n);
    }

    private List<Event<DraftSubmitted>> decide(int n) {
        List<String> posts = DraftTraffic.postIds(n);
        List<Event<DraftSubmitted>> drafts = new ArrayList<>(n);
        List<ProducerRecord<String, String>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(submitted(posts.get(i), TEXTS.get(i % TEXTS.size()), List.of()));
            records.add(traffic.record(drafts.get(i)));
        }
        traffic.burst(records);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> DraftTraffic.decisions(posts).size() == n);
        return drafts;
    }

    /** The transactions the drafts were decided in: processed_events.applied_at is the time each one began. */
    private static String batches(List<Event<DraftSubmitted>> drafts) throws SQLException {
        try (Connection c = DraftTraffic.database(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), min(size), avg(size), max(size) FROM (
                    SELECT count(*) AS size FROM processed_events WHERE event_id = ANY (?) GROUP BY applied_at) batches""")) {
            ps.setArray(1, c.createArrayOf("text", drafts.stream().map(Event::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return "%d transactions of %d to %d drafts (%.0f on average)".formatted(rs.getLong(1), rs.getLong(2),
                        rs.getLong(4), rs.getDouble(3));
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
