package dev.crier.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.LocalInfra;
import dev.crier.stack.LocalStack;
import dev.crier.stack.ServiceProcess;
import dev.crier.stack.StackConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of every service share the work (each consumer group has two members, each with partitions), and
 * one instance of each is stopped while drafts flow: ingest's and audit's second instances with SIGTERM (they leave
 * their groups at once), policy's and publish's with SIGKILL (their partitions move once the broker gives up on
 * them). Every accepted draft is still decided once, published exactly once (one posts.published event, one post on
 * the sandbox) and audited exactly once, and ingest shows it PUBLISHED.
 */
@Tag("scale-out")
class ScaleOutEndToEndTest {

    static final int RATE = 10;
    static final Duration LOAD = Duration.ofSeconds(12);
    /** Generous: on the shared 2-core machine, with the other engineers' builds, a draft can take a minute. */
    static final Duration FLOW = Duration.ofSeconds(240);
    /** The consumer groups whose members the instances are (KafkaAccess's readers): status, drafts, approvals, audit. */
    static final List<String> GROUPS = List.of("ingest-service", "policy-service", "publish-service", "audit-service");
    static final ObjectMapper JSON = new ObjectMapper();

    static LocalStack stack;
    static Path data;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("crier-scale-out-");
        Path root = Path.of(System.getProperty("crier.root", "../../..")).toAbsolutePath().normalize();
        StackConfig config = StackConfig.onFreePorts(root, data)
                .withInstances(Map.of("ingest", 2, "policy", 2, "publish", 2, "audit", 2));
        for (String service : LocalInfra.SERVICES) {
            // A killed member's partitions move when the broker stops hearing from it: after 10 s here, not Kafka's
            // default 45 s, to keep the test short. Nothing else differs from deploy/local/start --instances.
            config = config.withServiceEnv(service, Map.of("JAVA_TOOL_OPTIONS",
                    "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=10000"
                            + " -Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000"));
        }
        stack = LocalStack.start(config, line -> System.out.println("[scale-out] " + line));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyDraftIsDecidedPublishedAndAuditedOnceWhileInstancesStop() throws Exception {
        Tracker tracker = new Tracker();
        ServiceProcess ingest = stack.service("ingest");
        Submitter submitter = new Submitter(List.of(URI.create(ingest.url())), stack.infra().tokens().issue("submitter"), tracker);
        try (TopicWatcher topics = new TopicWatcher(opsReader(), tracker);
             AuditWatcher ledger = new AuditWatcher(URI.create(stack.service("audit").url()),
                     stack.infra().tokens().issue("auditor"), tracker)) {
            topics.start();
            ledger.start();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> submitter.run(RATE, LOAD));

            Thread.sleep(4_000);
            assertEachGroupHasTwoMembersWithPartitions();
            stack.instances("ingest").get(1).stop();
            stack.instances("audit").get(1).stop();
            stack.instances("policy").get(1).kill();
            stack.instances("publish").get(1).kill();

            load.get(LOAD.toSeconds() + 30, TimeUnit.SECONDS);
            submitter.awaitAnswers(Duration.ofSeconds(30));
            assertThat(submitter.sent()).isEqualTo(RATE * LOAD.toSeconds());
            // On a saturated machine ingest may answer 503 (the broker did not acknowledge in time: try again later)
            // or not within the client's 30 s; nothing else is a right answer, and most drafts must get through.
            assertThat(submitter.refusals().keySet()).as("refusals").isSubsetOf("HTTP 503", "HttpTimeoutException");
            assertThat(submitter.accepted()).as("drafts accepted (refused: %s)", submitter.refusals())
                    .isGreaterThanOrEqualTo(submitter.sent() * 8 / 10);
            await().atMost(FLOW).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Tracker.Post> accepted = tracker.accepted();
                List<String> unpublished = tracker.acceptedIds().stream().filter(id -> !tracker.get(id).published()).toList();
                assertThat(accepted).as("accepted drafts: %d not decided, %d not published %s, %d not audited once",
                        Tracker.count(accepted, p -> !p.decided()), unpublished.size(), unpublished,
                        Tracker.count(accepted, p -> !p.auditedOnce())).allMatch(p -> p.published() && p.auditedOnce());
            });
        }

        List<String> ids = tracker.acceptedIds();
        for (String id : ids) {
            Tracker.Post post = tracker.get(id);
            assertThat(post.approvedOnce()).as("%s decided once, APPROVED", id).isTrue();
            assertThat(post.publishedOnce()).as("%s published once on posts.published", id).isTrue();
            assertThat(post.auditedOnce()).as("%s audited once: %s", id, post.audited).isTrue();
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String ops = stack.infra().tokens().issue("ops");
        for (String id : ids) {
            assertThat(get(http, stack.service("publish").url() + "/v1/sandbox/posts?postId=" + id, ops).size())
                    .as("posts of %s on the sandbox", id).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(get(http, ingest.url() + "/v1/drafts/" + id, ops).path("status").asText())
                            .as("status of %s at ingest", id).isEqualTo("PUBLISHED"));
        }
    }

    /** Scale-out is real: each service's group has both instances as members, each with partitions of its own. */
    private static void assertEachGroupHasTwoMembersWithPartitions() throws Exception {
        try (Admin admin = stack.infra().kafka().admin()) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all()
                    .get(30, TimeUnit.SECONDS);
            groups.forEach((group, description) -> {
                assertThat(description.members()).as("members of %s", group).hasSize(2);
                for (MemberDescription member : description.members()) {
                    assertThat(member.assignment().topicPartitions()).as("partitions of %s's member %s", group,
                            member.consumerId()).isNotEmpty();
                }
            });
        }
    }

    private static JsonNode get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Properties opsReader() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(stack.infra().kafka().clientsDir().resolve(KafkaAccess.OPS_READER + ".properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
