package dev.crier.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.events.Topics;
import dev.crier.infra.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit across the running stack: drafts flow through the four services, then the verify command
 * (audit-service/verify, the same main class and classpath) checks the live log over HTTP and finds it sound; the
 * log's signed checkpoints reach the audit.checkpoints topic; the signing key sits in the stack's data folder.
 */
class AuditEndToEndTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalStack stack;
    static Path root;
    static Path data;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        root = SharedStack.root();
        data = SharedStack.data();
    }

    @Test
    void afterDraftsFlowTheVerifyCommandFindsTheLiveLogSoundAndCheckpointsAreAnchoredOnKafka() throws Exception {
        List<String> ids = new ArrayList<>();
        ids.add(submit("Flu clinics open Monday across the region.", "Les cliniques ouvrent lundi dans la région."));
        ids.add(submit("Please update my file, SIN 130 692 544.", "Veuillez mettre à jour mon dossier, NAS 130 692 544."));
        ids.add(submit("Road closures downtown this weekend.", "Fermetures de routes au centre-ville ce week-end."));
        for (String id : ids) {
            await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(timeline(id)).contains("dev.crier.draft.submitted", "dev.crier.post.decided"));
        }
        long recorded = given(as("auditor")).get(url("audit") + "/v1/audit/checkpoint").then().statusCode(200)
                .extract().jsonPath().getLong("treeSize");
        assertThat(recorded).isGreaterThanOrEqualTo(ids.size() * 2L);

        Path state = data.resolve("audit-verify");
        Verified first = verify(state);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).startsWith("OK: ").contains(" records verified against checkpoint crier.dev/audit ");
        assertThat(Files.readString(state.resolve("checkpoint"))).startsWith("crier.dev/audit\n");
        // The second run checks consistency from the checkpoint it now trusts.
        ids.add(submit("Library hours change next month.", "Les heures de la bibliothèque changent le mois prochain."));
        String last = ids.get(ids.size() - 1);
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(last)).contains("dev.crier.post.decided"));
        Verified second = verify(state);
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).startsWith("OK: ");

        var checkpoints = new TopicReader(stack.infra().kafka()).read(Topics.AUDIT_CHECKPOINTS,
                r -> treeSize(r.value()) >= recorded, 1, FLOW);
        assertThat(checkpoints).as("a checkpoint covering the first drafts on audit.checkpoints").isNotEmpty();
        JsonNode anchored = JSON.readTree(checkpoints.get(0).value());
        assertThat(checkpoints.get(0).key()).isEqualTo("crier.dev/audit");
        assertThat(anchored.path("note").asText()).startsWith("crier.dev/audit\n" + anchored.path("treeSize").asLong() + "\n");

        assertThat(data.resolve("audit/checkpoint-key")).as("the signing key in the stack's data folder").isRegularFile();
    }

    /** What the verify command printed and its exit status. */
    record Verified(int exit, String output) {
    }

    /** Runs the verify command as audit-service/verify does: its own JVM, the service's built classes. */
    static Verified verify(Path state) throws IOException, InterruptedException {
        Path app = root.resolve("audit-service/target/quarkus-app");
        Path token = Files.writeString(data.resolve("auditor-verify.jwt"), stack.infra().tokens().issue("auditor"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", app.resolve("app") + "/*" + java.io.File.pathSeparator + app.resolve("lib/main") + "/*",
                "dev.crier.audit.verify.VerifyCommand", "--url", url("audit"), "--token-file", token.toString(),
                "--state", state.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the verify command ended").isTrue();
        System.out.println("[e2e-audit] verify: " + output.strip());
        return new Verified(process.exitValue(), output);
    }

    static long treeSize(String event) {
        try {
            return JSON.readTree(event).path("treeSize").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    static String submit(String english, String french) {
        String body = """
                {"text": "%s", "translations": {"fr": "%s"}, "platforms": ["sandbox"],
                 "author": {"id": "u-e2e-audit", "department": "ESDC"}}""".formatted(english, french);
        return given(as("submitter")).contentType(ContentType.JSON).body(body).post(url("ingest") + "/v1/drafts")
                .then().statusCode(202).extract().path("id");
    }

    static List<String> timeline(String id) {
        return given(as("auditor")).get(url("audit") + "/v1/audit/posts/" + id)
                .then().extract().jsonPath().getList("records.type", String.class);
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(stack.infra().tokens().issue(role));
    }

    static String url(String service) {
        return stack.service(service).url();
    }
}
