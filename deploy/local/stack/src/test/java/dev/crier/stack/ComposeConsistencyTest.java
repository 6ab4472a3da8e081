package dev.crier.stack;

import dev.crier.events.Topics;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaAcls;
import dev.crier.infra.LocalInfra;
import dev.crier.infra.Tokens;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on a machine without Docker, so this keeps it honest: its services, ports,
 * environment, topics and databases must match what the services and the local stack use, and its security must
 * hold: no secret in the file, ports on loopback, Kafka over SASL_SSL with each service as its own user, and a
 * read-only Kafbat behind a login.
 */
class ComposeConsistencyTest {

    static final Path ROOT = Path.of(System.getProperty("crier.root", "../../..")).toAbsolutePath().normalize();
    /** How compose reads a value deploy/docker/setup made: from .env, and refusing to start without it. */
    static final Pattern FROM_ENV = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
    static final String LOOPBACK = "${CRIER_BIND:-127.0.0.1}:";
    static final Set<String> PRINCIPALS = Set.of("ingest-service", "policy-service", "publish-service",
            "audit-service", "ops-reader");

    /** One line of kafka-init's ACLs: {@code acl <principal> <operation> <resource-type> <name> [prefixed]}. */
    record Acl(String principal, String operation, String type, String name, boolean prefixed) {
    }

    @SuppressWarnings("unchecked")
    final Map<String, Object> compose = (Map<String, Object>) load(ROOT.resolve("docker-compose.yml"));

    @Test
    void everyServiceIsThereOnItsDefaultPortWithTheEnvironmentTheStackGives() throws Exception {
        var services = map(compose.get("services"));
        for (String name : LocalInfra.SERVICES) {
            var service = map(services.get(name + "-service"));
            int port = StackConfig.DEFAULT_PORTS.get(name);
            assertThat(service.get("ports")).as(name).isEqualTo(List.of(LOOPBACK + port + ":" + port));
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
        Matcher compacted = Pattern.compile("if \\[ \"\\$\\$t\" = ([a-z.-]+) ]; then policy=compact").matcher(command);
        List<String> found = new ArrayList<>();
        while (compacted.find()) {
            found.add(compacted.group(1));
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(Topics.compacted());
    }

    @Test
    void composeCreatesEveryServicesDatabase() throws Exception {
        String init = Files.readString(ROOT.resolve("deploy/docker/postgres-init.sql"));
        for (String name : LocalInfra.SERVICES) {
            assertThat(init).contains("CREATE DATABASE " + LocalInfra.database(name) + " OWNER " + LocalInfra.database(name))
                    .contains("CREATE ROLE " + LocalInfra.runtimeRole(name) + " LOGIN");
        }
    }

    @Test
    void theFileHoldsNoSecretOnlyReferencesToWhatSetupMade() throws Exception {
        Pattern secretKey = Pattern.compile("PASSWORD|SECRET|PRIVATE|CREDENTIAL", Pattern.CASE_INSENSITIVE);
        Pattern jaasPassword = Pattern.compile("password=\"([^\"]*)\"");
        map(compose.get("services")).forEach((name, service) -> {
            Object environment = map(service).get("environment");
            if (environment == null) {
                return;
            }
            map(environment).forEach((key, value) -> {
                String text = String.valueOf(value);
                if (secretKey.matcher(key).find()) {
                    assertThat(text).as(name + " " + key).matches(FROM_ENV);
                }
                Matcher password = jaasPassword.matcher(text);
                while (password.find()) {
                    assertThat(password.group(1)).as(name + " " + key + "'s password").matches(FROM_ENV);
                }
            });
        });
        String file = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(file).doesNotContainPattern("(?i)password\\s*[:=]\\s*[\"']?(?!\\$)[A-Za-z0-9]");
        String init = Files.readString(ROOT.resolve("deploy/docker/postgres-init.sql"));
        assertThat(init).doesNotContainPattern("PASSWORD\\s+'").contains("\\getenv");
        // What setup writes is never committed.
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("/.env").contains("/deploy/docker/secrets/");
        assertThat(ROOT.resolve("deploy/docker/setup")).isExecutable();
    }

    @Test
    void everyPublishedPortIsBoundToLoopbackUnlessCrierBindSaysOtherwise() {
        map(compose.get("services")).forEach((name, service) -> {
            Object ports = map(service).get("ports");
            if (ports != null) {
                assertThat(list(ports)).as(name).allSatisfy(p -> assertThat(p).startsWith(LOOPBACK));
            }
        });
    }

    @Test
    void kafkaTakesOnlyAuthenticatedTlsClientsAndRefusesWhatNoAclAllows() {
        var kafka = map(map(map(compose.get("services")).get("kafka")).get("environment"));
        String protocols = (String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP");
        assertThat(protocols.split(",")).allSatisfy(l -> assertThat(l).endsWith(":SASL_SSL"));
        assertThat(kafka.get("KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS")).isEqualTo("SCRAM-SHA-512");
        assertThat(kafka.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        assertThat(kafka.get("KAFKA_SUPER_USERS")).isEqualTo("User:admin");
    }

    @Test
    void everyServiceConnectsToKafkaOverSaslSslAsItsOwnPrincipal() {
        var services = map(compose.get("services"));
        for (String name : LocalInfra.SERVICES) {
            var env = map(map(services.get(name + "-service")).get("environment"));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SASL_MECHANISM")).as(name).isEqualTo("SCRAM-SHA-512");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_TYPE")).as(name).isEqualTo("PEM");
            assertThat(principal((String) env.get("KAFKA_SASL_JAAS_CONFIG"))).as(name).isEqualTo(name + "-service");
        }
        assertThat(kafkaInit()).contains(PRINCIPALS.stream().map(p -> "user " + p + " ").toList());
    }

    @Test
    void kafbatIsReadOnlyBehindALoginAndReadsAsOpsReader() {
        var ui = map(map(map(compose.get("services")).get("kafka-ui")).get("environment"));
        assertThat(String.valueOf(ui.get("KAFKA_CLUSTERS_0_READONLY"))).isEqualTo("true");
        assertThat(ui.get("AUTH_TYPE")).isEqualTo("LOGIN_FORM");
        assertThat((String) ui.get("SPRING_SECURITY_USER_PASSWORD")).matches(FROM_ENV);
        assertThat(ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(principal((String) ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG"))).isEqualTo("ops-reader");
    }

    @Test
    void prometheusScrapesEveryServiceAndLoadsTheAlertsAndGrafanaIsBehindALogin() {
        var services = map(compose.get("services"));
        @SuppressWarnings("unchecked")
        var prometheus = (Map<String, Object>) load(ROOT.resolve("deploy/observability/prometheus.yml"));
        var scrape = map(((List<?>) prometheus.get("scrape_configs")).get(0));
        assertThat(scrape.get("metrics_path")).isEqualTo("/q/metrics");
        var targets = list(map(((List<?>) scrape.get("static_configs")).get(0)).get("targets"));
        for (String name : LocalInfra.SERVICES) {
            assertThat(services).containsKey(name + "-service");
            assertThat(targets).contains(name + "-service:" + StackConfig.DEFAULT_PORTS.get(name));
        }
        assertThat(list(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(list(map(services.get("prometheus")).get("volumes")))
                .contains("./deploy/observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "./deploy/observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
        var grafana = map(map(services.get("grafana")).get("environment"));
        assertThat((String) grafana.get("GF_SECURITY_ADMIN_PASSWORD")).matches(FROM_ENV);
        assertThat(String.valueOf(grafana.get("GF_AUTH_ANONYMOUS_ENABLED"))).isEqualTo("false");
        assertThat(ROOT.resolve("deploy/observability/grafana/dashboards/crier.json")).exists();
    }

    @Test
    void theAclsFollowTheServicesOwnTopicsAndGroups() throws Exception {
        List<Acl> acls = acls();
        assertThat(acls).extracting(Acl::principal).allSatisfy(p -> assertThat(PRINCIPALS).contains(p));
        assertThat(acls).filteredOn(a -> a.type().equals("topic") && !a.name().equals("*"))
                .allSatisfy(a -> assertThat(Topics.all()).as(a.toString()).contains(a.name()));
        // Each service reads as the consumer groups its configuration names, and no others.
        for (String name : LocalInfra.SERVICES) {
            String properties = Files.readString(ROOT.resolve(name + "-service/src/main/resources/application.properties"));
            Set<String> groups = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id=(\\S+)")
                    .matcher(properties).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
            // Platform's replay consumer reads in <application name>-replays in every service.
            groups.add(name + "-service-replays");
            assertThat(acls).filteredOn(a -> a.principal().equals(name + "-service") && a.type().equals("group"))
                    .extracting(Acl::name).as(name).containsExactlyInAnyOrderElementsOf(groups);
        }
        // A dead-letter topic is written only by the consumers of its topic.
        assertThat(acls).filteredOn(a -> a.operation().equals("Write") && a.name().endsWith(Topics.DLQ_SUFFIX))
                .allSatisfy(a -> assertThat(acls).as(a.toString()).contains(new Acl(a.principal(), "Read", "topic",
                        a.name().substring(0, a.name().length() - Topics.DLQ_SUFFIX.length()), false)));
        // The audit reads the whole pipeline and dead-letters what it cannot read.
        for (String topic : Topics.pipeline()) {
            assertThat(acls).contains(new Acl("audit-service", "Read", "topic", topic, false),
                    new Acl("audit-service", "Write", "topic", Topics.deadLetter(topic), false));
        }
        // ops-reader reads and describes everything, commits offsets only in its own groups, and writes nothing.
        assertThat(acls).filteredOn(a -> a.principal().equals("ops-reader")).containsExactlyInAnyOrder(
                new Acl("ops-reader", "Read", "topic", "*", false), new Acl("ops-reader", "Describe", "topic", "*", false),
                new Acl("ops-reader", "Describe", "group", "*", false), new Acl("ops-reader", "Read", "group", "ops-", true));
    }

    @Test
    void eachServiceReplaysTheDeadLettersOfExactlyTheTopicsItOwns() throws Exception {
        for (String name : LocalInfra.SERVICES) {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(
                    ROOT.resolve(name + "-service/src/main/resources/application.properties"))));
            List<String> owned = Topics.events().stream()
                    .filter(topic -> KafkaAccess.of(topic).writers().contains(name + "-service")).toList();
            assertThat(properties.getProperty("crier.dead-letters.replay-topics", "").split(",")).as(name)
                    .containsExactlyInAnyOrderElementsOf(owned);
        }
    }

    @Test
    void theServicesAclsAreTheLocalBrokersTable() {
        // The same table as the local stack's broker (KafkaAccess): a service's Write and Read, topic and group alike.
        // Describe is left out (Write and Read imply it), and so is ops-reader, whose rows compose writes as wildcards.
        Set<Acl> table = KafkaAcls.bindings().stream()
                .filter(b -> !b.entry().principal().equals(KafkaAcls.principal(KafkaAccess.OPS_READER)))
                .filter(b -> b.entry().operation() != AclOperation.DESCRIBE)
                .map(b -> new Acl(b.entry().principal().substring("User:".length()),
                        b.entry().operation() == AclOperation.WRITE ? "Write" : "Read",
                        b.pattern().resourceType() == ResourceType.TOPIC ? "topic" : "group", b.pattern().name(),
                        b.pattern().patternType() == PatternType.PREFIXED))
                .collect(Collectors.toSet());
        assertThat(acls()).filteredOn(a -> !a.principal().equals(KafkaAccess.OPS_READER))
                .containsExactlyInAnyOrderElementsOf(table);
    }

    /** kafka-init's ACL lines, parsed; quotes around a name (the wildcard's) are the shell's. */
    static List<Acl> acls() {
        return kafkaInit().lines().map(String::strip).filter(l -> l.startsWith("acl "))
                .map(l -> l.replace("'", "").split("\\s+"))
                .map(f -> new Acl(f[1], f[2], f[3], f[4], f.length > 5 && f[5].equals("prefixed"))).toList();
    }

    static String kafkaInit() {
        Map<String, Object> compose = map(load(ROOT.resolve("docker-compose.yml")));
        return String.join("\n", list(map(map(compose.get("services")).get("kafka-init")).get("command")));
    }

    private static String principal(String jaas) {
        Matcher m = Pattern.compile("org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required "
                + "username=\"([^\"]+)\" password=\"([^\"]+)\";").matcher(jaas);
        assertThat(m.matches()).as(jaas).isTrue();
        assertThat(m.group(2)).matches(FROM_ENV);
        return m.group(1);
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
