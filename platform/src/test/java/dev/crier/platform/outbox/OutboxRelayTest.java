package dev.crier.platform.outbox;

import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostRetracted;
import dev.crier.events.messaging.KafkaEvents;
import dev.crier.infra.Ports;
import dev.crier.infra.Postgres;
import dev.crier.platform.messaging.EventSender.EventNotSentException;
import dev.crier.platform.store.Database;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.crier.platform.tracing.TraceParent;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox and its relay against a real PostgreSQL, with the platform's migration as the services run it. */
class OutboxRelayTest {

    private static final KafkaEvents KAFKA_EVENTS = new KafkaEvents(new EventCodec());
    private static final String APP_ROLE = "crier_outbox_app";

    @TempDir
    static Path dir;
    static Postgres postgres;
    static Database database;

    private final Outbox outbox = new Outbox(new EventCodec());
    private final List<Message<String>> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = new Postgres(dir, Ports.free()).start();
        postgres.ensureDatabase("crier_outbox", "crier_outbox");
        postgres.ensureRole(APP_ROLE, APP_ROLE);
        try (Connection c = postgres.superuser("crier_outbox"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE crier_outbox OWNER TO crier_outbox");
            s.execute("SET ROLE crier_outbox");
            s.execute(migration().replace("${appRole}", APP_ROLE));
        }
        // The service's runtime role, as in production: it owns nothing and has only what the migration grants.
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres.jdbcUrl("crier_outbox"));
        ds.setUser(APP_ROLE);
        ds.setPassword(APP_ROLE);
        database = new Database(ds);
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @BeforeEach
    void emptyOutbox() throws SQLException {
        try (Connection c = postgres.superuser("crier_outbox"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM outbox");
            s.execute("DELETE FROM outbox_refused");
        }
    }

    @Test
    void sendsCommittedEventsInOrderAsTheContractEncodesThemAndDeletesThem() {
        List<Event<?>> events = List.of(retracted("a", 1), retracted("b", 2), retracted("a", 3));
        database.inTransaction(c -> {
            outbox.add(c, events);
            return null;
        });

        assertThat(relay(2).flush()).isTrue();

        assertThat(sent).hasSize(3);
        for (int i = 0; i < events.size(); i++) {
            Message<String> expected = KAFKA_EVENTS.toMessage(events.get(i));
            Message<String> actual = sent.get(i);
            assertThat(actual.getPayload()).isEqualTo(expected.getPayload());
            assertThat(metadata(actual).getKey()).isEqualTo(metadata(expected).getKey());
            assertThat(metadata(actual).getTopic()).isEqualTo("posts.retracted");
            assertThat(headers(actual)).isEqualTo(headers(expected));
        }
        assertThat(waiting()).isZero();
    }

    @Test
    void eachEventIsSentInTheTraceItWasWrittenIn() {
        String first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        database.inTransaction(c -> {
            try (Scope ignored = TraceParent.restore(first).makeCurrent()) {
                outbox.add(c, retracted("a", 1));
            }
            // Work for several posts at once: each event in its own trace, one none at all.
            outbox.add(c, List.of(retracted("b", 2), retracted("c", 3)),
                    event -> event.postId().equals(post("b")) ? second : null);
            return null;
        });

        assertThat(relay(10).flush()).isTrue();

        assertThat(sent).extracting(m -> TraceParent.of(TracingMetadata.fromMessage(m).orElseThrow().getCurrentContext()))
                .containsExactly(first, second, null);
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverSent() {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            outbox.add(c, retracted("a", 1));
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");

        assertThat(relay(10).flush()).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void whatKafkaDidNotAcknowledgeStaysAndIsSentAgainUnderTheSameIds() {
        Event<PostRetracted> event = retracted("a", 1);
        database.inTransaction(c -> {
            outbox.add(c, event);
            return null;
        });
        OutboxRelay refused = new OutboxRelay(database, records -> {
            throw new EventNotSentException("broker away", new RuntimeException());
        }, KAFKA_EVENTS, 10);

        assertThat(refused.flush()).isFalse();
        assertThat(waiting()).isEqualTo(1);

        assertThat(relay(10).flush()).isTrue();
        assertThat(sent).extracting(m -> header(m, "ce_id")).containsExactly(event.id());
        assertThat(waiting()).isZero();
    }

    @Test
    void anEventKafkaRefusesForGoodIsSetAsideWithItsReasonAndTheEventsAfterItGoOn() throws SQLException {
        List<Event<?>> events = List.of(retracted("a", 1), retracted("b", 2), retracted("a", 3), retracted("c", 4));
        database.inTransaction(c -> {
            outbox.add(c, events);
            return null;
        });
        String tooLarge = events.get(1).id();
        OutboxRelay relay = new OutboxRelay(database, records -> {
            if (records.stream().anyMatch(m -> header(m, "ce_id").equals(tooLarge))) {
                throw new EventNotSentException("Kafka did not acknowledge", new ExecutionException(
                        new RecordTooLargeException("The message is 5000000 bytes when serialized")));
            }
            sent.addAll(records);
        }, KAFKA_EVENTS, 10);

        assertThat(relay.flush()).isTrue();

        assertThat(sent).extracting(m -> header(m, "ce_id"))
                .containsExactly(events.get(0).id(), events.get(2).id(), events.get(3).id());
        assertThat(waiting()).isZero();
        try (Connection c = postgres.superuser("crier_outbox"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT event_id, reason FROM outbox_refused")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(tooLarge);
            assertThat(rs.getString(2)).startsWith("RecordTooLargeException: The message is 5000000 bytes");
            assertThat(rs.next()).isFalse();
        }
        assertThat(database.inTransaction(Outbox::counts)).isEqualTo(new Outbox.Counts(0, 1));
    }

    @Test
    void anOutageWhileSendingOneByOneKeepsTheBatchAndSetsNothingAside() {
        List<Event<?>> events = List.of(retracted("a", 1), retracted("b", 2), retracted("a", 3));
        database.inTransaction(c -> {
            outbox.add(c, events);
            return null;
        });
        OutboxRelay relay = new OutboxRelay(database, records -> {
            if (records.size() > 1) {
                throw new EventNotSentException("refused", new RecordTooLargeException("too large"));
            }
            if (header(records.get(0), "ce_id").equals(events.get(2).id())) {
                throw new EventNotSentException("broker away", new RuntimeException("timeout"));
            }
            sent.addAll(records);
        }, KAFKA_EVENTS, 10);

        assertThat(relay.flush()).isFalse();
        assertThat(sent).hasSize(2);
        // The batch's transaction rolls back: all three wait, and the two sent go again under the same ids, which
        // consumers drop, as after a crash between a send and its delete.
        assertThat(waiting()).isEqualTo(3);
        assertThat(database.inTransaction(Outbox::counts).refused()).isZero();
        assertThat(OutboxRelay.refusedForGood(new EventNotSentException("x", new RuntimeException("timeout")))).isEmpty();
    }

    @Test
    void anEventAddedTwiceWhileWaitingIsSentOnce() {
        Event<PostRetracted> event = retracted("a", 1);
        for (int i = 0; i < 2; i++) {
            database.inTransaction(c -> {
                outbox.add(c, event);
                return null;
            });
        }
        database.inTransaction(c -> {
            assertThat(outbox.waiting(c, post("a"))).isTrue();
            assertThat(outbox.waiting(c, post("b"))).isFalse();
            return null;
        });

        relay(10).flush();

        assertThat(sent).hasSize(1);
    }

    @Test
    void twoInstancesRelayingAtOnceKeepEachPostsEventsInOrder() throws Exception {
        // Two relays (two instances of a service on one database) flush while writers add events for 5 posts.
        OutboxRelay first = relay(7);
        OutboxRelay second = relay(7);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int n = 1; n <= 200; n++) {
                    int seq = n;
                    database.inTransaction(c -> {
                        outbox.add(c, retracted("post-" + (seq % 5), seq));
                        return null;
                    });
                }
                writing.set(false);
                return null;
            });
            List<Future<?>> relays = new ArrayList<>();
            for (OutboxRelay relay : List.of(first, second)) {
                relays.add(pool.submit(() -> {
                    while (writing.get()) {
                        relay.flush();
                    }
                    return relay.flush();
                }));
            }
            writer.get();
            for (Future<?> f : relays) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sent).hasSize(200);
        Map<String, Integer> lastPerPost = new HashMap<>();
        for (Message<String> m : sent) {
            int n = writtenAs(m);
            Integer before = lastPerPost.put(metadata(m).getKey().toString(), n);
            assertThat(before == null || before < n).as("post %s: event %d after %d", metadata(m).getKey(), n, before).isTrue();
        }
        assertThat(waiting()).isZero();
    }

    private OutboxRelay relay(int batchSize) {
        return new OutboxRelay(database, sent::addAll, KAFKA_EVENTS, batchSize);
    }

    /** The writer's sequence number, carried in the reason. */
    private static int writtenAs(Message<String> m) {
        return Integer.parseInt(new EventCodec().decode(EventType.POST_RETRACTED, m.getPayload()).reason());
    }

    private static Event<PostRetracted> retracted(String name, int n) {
        String postId = post(name);
        Instant at = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(n);
        return Event.of(EventType.POST_RETRACTED, "/crier/test", postId, String.valueOf(n), at,
                new PostRetracted(postId, "comms-head", String.valueOf(n), List.of(), at));
    }

    private static String post(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static long waiting() {
        try (Connection c = postgres.superuser("crier_outbox"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static OutgoingKafkaRecordMetadata<Object> metadata(Message<String> m) {
        return m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    private static Map<String, String> headers(Message<String> m) {
        Map<String, String> out = new HashMap<>();
        for (Header h : metadata(m).getHeaders()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String header(Message<String> m, String key) {
        return headers(m).get(key);
    }

    private static String migration() throws IOException {
        try (InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/platform/R__outbox.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
