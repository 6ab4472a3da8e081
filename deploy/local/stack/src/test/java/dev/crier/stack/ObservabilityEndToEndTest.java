package dev.crier.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.infra.LocalInfra;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the dashboard (deploy/observability) against the running stack: every metric they use is
 * exported by a service once drafts have flowed (one published, one in review, one rejected, one scheduled).
 */
class ObservabilityEndToEndTest {

    static final Pattern METRIC = Pattern.compile("\\b((?:crier|kafka)_[a-z0-9_]+)\\b");
    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsExportedByARunningService() throws Exception {
        Set<String> used = usedByAlertsAndDashboard(SharedStack.root().resolve("deploy/observability"));
        assertThat(used).contains("crier_publish_ledger_entries", "crier_audit_checkpoint_age_seconds",
                "crier_policy_evaluation_seconds_bucket", "crier_consumer_lag", "crier_dead_letters");

        submit("Flu clinics open Monday across the region.", "Les cliniques ouvrent lundi dans la région.", null);
        submit("Questions? Write pat@gmail.com today.", "Des questions? Écrivez à pat@gmail.com.", null);
        submit("Please update my file, SIN 130 692 544.", "Veuillez mettre à jour mon dossier, NAS 130 692 544.", null);
        submit("Road closures downtown next month.", "Fermetures de routes au centre-ville le mois prochain.",
                Instant.now().plus(Duration.ofDays(30)));

        // Gauges read from a database or the broker are refreshed every 2 s on the shared stack.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            String exported = exported();
            assertThat(used).allSatisfy(metric -> assertThat(exported).as(metric).containsPattern("(?m)^" + metric + "[{ ]"));
        });
    }

    static Set<String> usedByAlertsAndDashboard(Path dir) throws Exception {
        List<String> expressions = new ArrayList<>();
        Map<String, Object> alerts = new Yaml().load(Files.readString(dir.resolve("alerts.yml")));
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(dir.resolve("grafana/dashboards/crier.json").toFile());
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        Set<String> used = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        return used;
    }

    static String exported() {
        StringBuilder all = new StringBuilder();
        for (String name : LocalInfra.SERVICES) {
            all.append(given().get(stack.service(name).url() + "/q/metrics").then().statusCode(200).extract().asString());
        }
        return all.toString();
    }

    static void submit(String english, String french, Instant publishAt) {
        String body = """
                {"text": "%s", "translations": {"fr": "%s"}, "platforms": ["sandbox"],%s
                 "author": {"id": "u-e2e-metrics", "department": "ESDC"}}""".formatted(english, french,
                publishAt == null ? "" : " \"publishAt\": \"" + publishAt + "\",");
        given().auth().oauth2(stack.infra().tokens().issue("submitter")).contentType(ContentType.JSON).body(body)
                .post(stack.service("ingest").url() + "/v1/drafts").then().statusCode(202);
    }
}
