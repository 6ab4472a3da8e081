package dev.crier.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is what the code makes, and it describes what the services really do: the channels are the
 * contract's topics, each message names its CloudEvents type and a schema that exists, and the receive operations
 * are the consumers the services configure (read from their application.properties, not from {@link KafkaAccess}).
 * The document is validated against the AsyncAPI 3.0.0 JSON Schema (a data file from the AsyncAPI Initiative, kept
 * under its licence in {@code src/test/resources/asyncapi/}).
 */
class AsyncApiDocumentTest {

    static final Path ROOT = Path.of(System.getProperty("crier.root", "../../..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("ingest", "policy", "publish", "audit");
    static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        if (Boolean.getBoolean("asyncapi.write")) {
            AsyncApiDocument.write(ROOT);
        }
        doc = new ObjectMapper(new YAMLFactory()).readTree(AsyncApiDocument.committed(ROOT));
    }

    @Test
    void theCommittedDocumentIsWhatTheCodeMakes() throws IOException {
        assertThat(AsyncApiDocument.committed(ROOT))
                .as("docs/asyncapi.yaml is out of date; regenerate it with the command in its first lines")
                .isEqualTo(AsyncApiDocument.yaml());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void theDocumentIsValidAsyncApi300() throws IOException {
        JsonSchema spec;
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            spec = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        assertThat(spec.validate(doc)).isEmpty();

        // The validator does find what breaks the specification (the 2.x "publish" is no 3.0 action).
        JsonNode broken = doc.deepCopy();
        ((ObjectNode) broken.path("operations").elements().next()).put("action", "publish");
        assertThat(spec.validate(broken)).isNotEmpty();
    }

    @Test
    void theChannelsAreTheContractsTopicsEachOnce() {
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void eachEventTypesMessageNamesItsCloudEventsTypeAndASchemaThatExists() throws IOException {
        for (EventType<?> type : EventType.all()) {
            JsonNode channel = channelOf(type.topic());
            assertThat(channel.path("messages").size()).as(type.topic()).isEqualTo(1);
            JsonNode message = resolve(channel.path("messages").elements().next());
            assertThat(message.path("name").asText()).isEqualTo(type.ceType());
            assertThat(message.path("headers").path("allOf").findValuesAsText("const")).contains(type.ceType());

            JsonNode payload = message.path("payload");
            assertThat(payload.path("schemaFormat").asText()).startsWith("application/schema+json");
            Path schemaFile = ROOT.resolve("docs").resolve(payload.path("schema").path("$ref").asText()).normalize();
            assertThat(schemaFile).as(type.ceType()).exists();
            JsonNode schema = new ObjectMapper().readTree(schemaFile.toFile());
            assertThat(schema.path("title").asText()).as(schemaFile.toString())
                    .isEqualTo(type.payload().getSimpleName());
        }
    }

    @Test
    void theReceiveOperationsAreExactlyTheConsumersTheServicesConfigure() throws IOException {
        Set<String> configured = new TreeSet<>();
        for (String service : SERVICES) {
            // Platform's defaults (every service's replay consumer), then the service's own settings.
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(
                    ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))));
            properties.load(new StringReader(Files.readString(
                    ROOT.resolve(service + "-service/src/main/resources/application.properties"))));
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                    String channel = key.substring(0, key.length() - ".group.id".length());
                    String topics = properties.getProperty(channel + ".topics",
                            properties.getProperty(channel + ".topic"));
                    for (String topic : topics.split(",")) {
                        String group = properties.getProperty(key).replace("${quarkus.application.name}",
                                properties.getProperty("quarkus.application.name"));
                        configured.add(group + " reads " + topic.trim());
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        doc.path("operations").forEach(operation -> {
            JsonNode groups = operation.path("bindings").path("kafka").path("groupId").path("enum");
            if (operation.path("action").asText().equals("receive") && groups.isArray()) {
                String topic = resolve(operation.path("channel")).path("address").asText();
                groups.forEach(group -> documented.add(group.asText() + " reads " + topic));
            }
        });
        assertThat(documented).isNotEmpty().isEqualTo(configured);
    }

    @Test
    void everyTopicHasAWriterAndEveryDeadLetterTopicItsTopicsConsumersAsWritersAndAnOpsReader() {
        Set<String> written = new HashSet<>();
        Set<String> consumed = new HashSet<>();
        Set<String> readByOps = new HashSet<>();
        doc.path("operations").forEach(operation -> {
            String topic = resolve(operation.path("channel")).path("address").asText();
            JsonNode group = operation.path("bindings").path("kafka").path("groupId");
            if (operation.path("action").asText().equals("send")) {
                written.add(topic);
            } else if (group.has("pattern")) {
                readByOps.add(topic);
            } else if (group.has("enum")) {
                consumed.add(topic);
            }
        });
        assertThat(written).containsAll(Topics.events());
        // Nobody consumes audit.checkpoints in a service, so nobody dead-letters it: its dead-letter topic stays empty.
        assertThat(written).filteredOn(topic -> topic.endsWith(Topics.DLQ_SUFFIX)).containsExactlyInAnyOrderElementsOf(
                consumed.stream().map(Topics::deadLetter).toList());
        assertThat(consumed).doesNotContain(Topics.AUDIT_CHECKPOINTS).contains(Topics.DRAFTS_SUBMITTED);
        assertThat(readByOps).containsExactlyInAnyOrderElementsOf(
                Topics.events().stream().map(Topics::deadLetter).toList());
    }

    @Test
    void everyReferenceInsideTheDocumentResolves() {
        List<String> refs = doc.findValuesAsText("$ref").stream().filter(ref -> ref.startsWith("#/")).toList();
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static JsonNode channelOf(String topic) {
        for (JsonNode channel : doc.path("channels")) {
            if (channel.path("address").asText().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static JsonNode resolve(JsonNode reference) {
        String ref = reference.path("$ref").asText();
        assertThat(ref).startsWith("#/");
        JsonNode target = doc.at(ref.substring(1));
        assertThat(target.isMissingNode()).as(ref).isFalse();
        return target;
    }
}
