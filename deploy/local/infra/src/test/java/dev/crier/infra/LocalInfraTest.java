package dev.crier.infra;

import dev.crier.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker and the database are real, and a second start on the same folder keeps their data. */
class LocalInfraTest {

    @Test
    void startsKafkaAndPostgresAndKeepsTheirDataAcrossARestart(@TempDir Path dir) throws Exception {
        int kafkaPort = Ports.free();
        int pgPort = Ports.free();
        String opsReaderFile;
        try (LocalInfra infra = LocalInfra.start(dir, kafkaPort, pgPort, s -> { })) {
            try (var admin = infra.kafka().admin()) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.all());
            }
            assertThat(infra.configFor("ingest").keySet()).containsExactlyElementsOf(LocalInfra.SERVICE_CONFIG_KEYS);
            assertThat(infra.configFor("audit")).containsKey("crier.decisions.trusted-keys-dir");
            assertThat(infra.configFor("policy")).containsKeys("crier.decisions.signing-key-file", "crier.decisions.signing-key-id");
                        assertThat(infra.configFor("audit")).containsEntry("kafka.security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512");
            assertThat(infra.configFor("audit").get("kafka.sasl.jaas.config")).contains("username=\"audit-service\"");
            opsReaderFile = Files.readString(infra.kafka().clientsDir().resolve("ops-reader.properties"));
            String adminPassword = new KafkaCredentials(dir.resolve("kafka/credentials.properties")).password(KafkaAccess.ADMIN);
            assertThat(Files.readString(infra.kafka().logFile())).as("the broker's log").doesNotContain(adminPassword);
            produce(infra, "post-1", "{\"kept\":true}");
            try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl("crier_audit"), "crier_audit", "crier_audit")) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('yes')");
            }
        }

        try (LocalInfra again = LocalInfra.start(dir, kafkaPort, pgPort, s -> { })) {
            // The same users with the same passwords, and the ACLs exactly as the table says, not doubled.
            assertThat(Files.readString(again.kafka().clientsDir().resolve("ops-reader.properties"))).isEqualTo(opsReaderFile);
            try (var admin = again.kafka().admin()) {
                assertThat(admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get())
                        .containsExactlyInAnyOrderElementsOf(KafkaAcls.bindings());
            }
            var records = new TopicReader(again.kafka())
                    .readPost(Topics.DRAFTS_SUBMITTED, "post-1", 1, Duration.ofSeconds(20));
            assertThat(records).extracting(r -> r.value()).containsExactly("{\"kept\":true}");
            try (Connection c = DriverManager.getConnection(again.postgres().jdbcUrl("crier_audit"), "crier_audit", "crier_audit");
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("yes");
            }
        }
    }

    @Test
    void tokensAreSignedByAKeyKeptInTheFolder(@TempDir Path dir) throws Exception {
        Tokens first = Tokens.in(dir);
        Tokens second = Tokens.in(dir);
        assertThat(second.publicKeyPem()).isEqualTo(first.publicKeyPem());
        Path folder = first.writeRoleTokens(dir.resolve("tokens"));
        for (String role : Tokens.ROLES) {
            String jwt = Files.readString(folder.resolve(role + ".jwt"));
            assertThat(jwt.split("\\.")).hasSize(3);
            String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            assertThat(claims).contains("\"groups\":[\"" + role + "\"]").contains(Tokens.ISSUER);
        }
    }

    private static void produce(LocalInfra infra, String key, String value) throws Exception {
        Map<String, Object> config = infra.kafka().clientConfig(KafkaAccess.INGEST);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DRAFTS_SUBMITTED, key, value)).get();
        }
    }
}
