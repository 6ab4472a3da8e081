package dev.crier.stack;

import dev.crier.events.Topics;
import dev.crier.infra.LocalInfra;
import dev.crier.infra.Tokens;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on a machine without Docker, so this keeps it honest: its services, ports,
 * environment, topics and databases must match what the services and the local stack use.
 */
class ComposeConsistencyTest {

    static final Path ROOT = Path.of(System.getProperty("crier.root", "../../..")).toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    final Map<String, Object> compose = (Map<String, Object>) load(ROOT.resolve("docker-compose.yml"));

    @Test
    void everyServiceIsThereOnItsDefaultPortWithTheEnvironmentTheStackGives() throws Exception {
        var services = map(compose.get("services"));
        for (String name : LocalInfra.SERVICES) {
            var service = map(services.get(name + "-service"));
            int port = StackConfig.DEFAULT_PORTS.get(name);
            assertThat(service.get("ports")).as(name).isEqualTo(List.of(port + ":" + port));
            var env = map(service.get("environment"));
            var expected = new ArrayList<String>();
            LocalInfra.SERVICE_CONFIG_KEYS.forEach(k -> expected.add(LocalStack.envName(k)));
            expected.add("CRIER_" + name.toUpperCase() + "_PORT");
            assertThat(env.keySet()).as(name + " environment").containsAll(expected);
            assertThat(env.get("CRIER_" + name.toUpperCase() + "_PORT")).isEqualTo(port);
            assertThat((String) env.get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/" + LocalInfra.database(name));
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(LocalInfra.runtimeRole(name));
            assertThat(env.get("QUARKUS_FLYWAY_USERNAME")).isEqualTo(LocalInfra.database(name));
            assertThat(env.get("MP_JWT_VERIFY_ISSUER")).isEqualTo(Tokens.ISSUER);
            assertThat(env.get("MP_JWT_VERIFY_AUDIENCES")).isEqualTo(Tokens.AUDIENCE);
            var build = map(service.get("build"));
            assertThat(build.get("context")).isEqualTo("./" + name + "-service");
            assertThat(ROOT.resolve(name + "-service").resolve((String) build.get("dockerfile")).normalize()).exists();
            assertThat(map(build.get("args")).get("PORT")).isEqualTo(port);
            assertThat(Files.readString(ROOT.resolve(name + "-service/src/main/resources/application.properties")))
                    .contains("quarkus.http.port=${CRIER_" + name.toUpperCase() + "_PORT:" + port + "}");
        }
        assertThat(services).containsKeys("kafka", "kafka-init", "postgres", "kafka-ui");
        // audit's checkpoint key must outlive its container, or verifiers that pinned it refuse new checkpoints.
        var audit = map(services.get("audit-service"));
        assertThat(map(audit.get("environment")).get("CRIER_DATA_DIR")).isEqualTo("/var/lib/crier");
        assertThat(list(audit.get("volumes"))).contains("audit-data:/var/lib/crier");
        assertThat(map(compose.get("volumes"))).containsKey("audit-data");
    }

    @Test
    void composeCreatesExactlyTheContractsTopics() {
        String command = String.join("\n", list(map(map(compose.get("services")).get("kafka-init")).get("command")));
        Matcher m = Pattern.compile("for t in ([^;]+);").matcher(command);
        assertThat(m.find()).isTrue();
        assertThat(Arrays.asList(m.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void composeCreatesEveryServicesDatabase() throws Exception {
        String init = Files.readString(ROOT.resolve("deploy/docker/postgres-init.sql"));
        for (String name : LocalInfra.SERVICES) {
            assertThat(init).contains("CREATE DATABASE " + LocalInfra.database(name) + " OWNER " + LocalInfra.database(name))
                    .contains("CREATE ROLE " + LocalInfra.runtimeRole(name) + " LOGIN");
        }
    }

    private static Object load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object o) {
        return (List<String>) o;
    }
}
