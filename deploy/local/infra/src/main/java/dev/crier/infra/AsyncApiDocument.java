package dev.crier.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.crier.events.AccountsListed;
import dev.crier.events.EventType;
import dev.crier.events.Topics;
import dev.crier.events.messaging.CloudEventHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The topic contract as an AsyncAPI 3.0 document, made from the code that is the contract: each event type's topic,
 * CloudEvents type and JSON Schema ({@link EventType}), and who writes and reads each topic ({@link KafkaAccess}, the
 * table the broker's ACLs are made from). Written to {@code docs/asyncapi.yaml}; {@code AsyncApiDocumentTest} fails
 * when the committed file is not what the code makes, and checks it against the services' own consumer settings.
 *
 * <p>Made here rather than written by hand so that a topic, a consumer group or a schema added in code cannot be
 * missing from the document. Payload schemas are referenced, not copied: {@code events/} keeps them once.
 */
public final class AsyncApiDocument {

    /** Where the document lives in the repository, and how its payload references reach the schemas from there. */
    public static final Path PATH = Path.of("docs", "asyncapi.yaml");
    private static final String SCHEMAS = "../events/src/main/resources/schemas/";
    private static final String KAFKA_BINDING = "0.5.0";
    private static final String JSON_SCHEMA = "application/schema+json;version=draft-2020-12";
    private static final String DEAD_LETTER_MESSAGE = "deadLetter";

    private AsyncApiDocument() {
    }

    /** The document as YAML. */
    public static String yaml() {
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
        try {
            return "# Made by dev.crier.infra.AsyncApiDocument from the events module and KafkaAccess; do not edit.\n"
                    + "# Regenerate: ./mvnw -pl deploy/local/infra -am test -Dtest=AsyncApiDocumentTest "
                    + "-Dasyncapi.write=true -Dsurefire.failIfNoSpecifiedTests=false\n"
                    + mapper.writeValueAsString(document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put("info", map(
                "title", "Crier events",
                "version", "1.0.0",
                "description", """
                        Every event Crier's services exchange on Kafka. Each record is a CloudEvent in binary content \
                        mode: the attributes travel as ce_* headers, the value is the event's JSON, the key is the \
                        post id (a policy reload is keyed by the policy id, a checkpoint by the log's origin), so one \
                        post's events stay in order. Each topic has one writer; the broker's ACLs allow no other. A \
                        consumer that cannot read or process a record sends it to the topic's dead-letter topic \
                        (<topic>.dlq) with the reason, and goes on. Payloads are JSON Schema 2020-12 files in \
                        events/src/main/resources/schemas/; their $id https://crier.dev/schemas/<name> names the file \
                        <name> there (an identifier, not a location to fetch)."""));
        doc.put("defaultContentType", "application/json");
        doc.put("servers", map("docker-compose", map(
                "host", "kafka:9092",
                "protocol", "kafka-secure",
                "description", "The broker docker-compose runs: TLS, each client logged in as its own SCRAM-SHA-512 "
                        + "user (deploy/local/start's broker takes the same principals over SASL_SSL).",
                "security", List.of(map("$ref", "#/components/securitySchemes/scram")))));
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (EventType<?> type : EventType.all()) {
            KafkaAccess.TopicAccess access = KafkaAccess.of(type.topic());
            String messageName = messageName(type);
            messages.put(messageName, message(type));
            channels.put(channelId(type.topic()), map(
                    "address", type.topic(),
                    "title", type.topic(),
                    "description", "Written by " + names(access.writers()) + "; read by "
                            + readers(access) + ".",
                    "messages", map(messageName, ref("#/components/messages/" + messageName)),
                    "bindings", map("kafka", channelBinding(type.topic()))));
            addOperations(operations, access, messageName);

            KafkaAccess.TopicAccess deadLetters = KafkaAccess.of(Topics.deadLetter(type.topic()));
            channels.put(channelId(deadLetters.topic()), map(
                    "address", deadLetters.topic(),
                    "title", deadLetters.topic(),
                    "description", "Records of " + type.topic() + " that a consumer could not read or process, "
                            + "as they were, with the reason. Written by " + names(deadLetters.writers())
                            + "; read by " + names(deadLetters.readers().stream().map(KafkaAccess.Reader::principal)
                            .collect(Collectors.toSet())) + " record by record (the dead-letter desk, "
                            + "and the topic's owner, which sends a replayed record back), and by people and tools as "
                            + KafkaAccess.OPS_READER + ".",
                    "messages", map(DEAD_LETTER_MESSAGE, ref("#/components/messages/" + DEAD_LETTER_MESSAGE)),
                    "bindings", map("kafka", map("topic", deadLetters.topic(), "bindingVersion", KAFKA_BINDING))));
            addOperations(operations, deadLetters, DEAD_LETTER_MESSAGE);
            operations.put(operationId(KafkaAccess.OPS_READER, "receive", deadLetters.topic()), map(
                    "action", "receive",
                    "channel", ref("#/channels/" + channelId(deadLetters.topic())),
                    "title", KafkaAccess.OPS_READER + " reads " + deadLetters.topic(),
                    "bindings", map("kafka", map(
                            "groupId", map("type", "string", "pattern", "^" + KafkaAccess.OPS_GROUP_PREFIX),
                            "bindingVersion", KAFKA_BINDING)),
                    "messages", List.of(ref("#/channels/" + channelId(deadLetters.topic()) + "/messages/"
                            + DEAD_LETTER_MESSAGE))));
        }
        messages.put(DEAD_LETTER_MESSAGE, deadLetterMessage());
        doc.put("channels", channels);
        doc.put("operations", operations);
        doc.put("components", map(
                "messages", messages,
                "schemas", map("CloudEventHeaders", cloudEventHeaders()),
                "securitySchemes", map("scram", map(
                        "type", "scramSha512",
                        "description", "One user per service (ingest-service, policy-service, publish-service, "
                                + "audit-service) and ops-reader for people and tools, which writes nothing."))));
        return doc;
    }

    /** The document as committed in the repository under {@code root}. */
    public static String committed(Path root) throws IOException {
        return Files.readString(root.resolve(PATH));
    }

    public static void write(Path root) throws IOException {
        Files.writeString(root.resolve(PATH), yaml());
    }

    /** A payload schema's own description, so that the document says what the schema says. */
    static String schemaDescription(String schema) {
        try (InputStream in = EventType.class.getResourceAsStream("/schemas/" + schema + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("no schema " + schema + " in the events module");
            }
            JsonNode node = new ObjectMapper().readTree(in);
            return node.path("description").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addOperations(Map<String, Object> operations, KafkaAccess.TopicAccess access,
                                      String messageName) {
        String channel = "#/channels/" + channelId(access.topic());
        List<Map<String, Object>> messageRefs = List.of(ref(channel + "/messages/" + messageName));
        for (String writer : access.writers().stream().sorted().toList()) {
            operations.put(operationId(writer, "send", access.topic()), map(
                    "action", "send",
                    "channel", ref(channel),
                    "title", writer + " writes " + access.topic(),
                    "messages", messageRefs));
        }
        for (KafkaAccess.Reader reader : access.readers()) {
            if (reader.group() == null) {
                operations.put(operationId(reader.principal(), "receive", access.topic()), map(
                        "action", "receive",
                        "channel", ref(channel),
                        "title", reader.principal() + " reads chosen records of " + access.topic()
                                + " by assignment, without a consumer group",
                        "messages", messageRefs));
                continue;
            }
            operations.put(operationId(reader.group(), "receive", access.topic()), map(
                    "action", "receive",
                    "channel", ref(channel),
                    "title", reader.principal() + " reads " + access.topic() + " as group " + reader.group(),
                    "bindings", map("kafka", map(
                            "groupId", map("type", "string", "enum", List.of(reader.group())),
                            "bindingVersion", KAFKA_BINDING)),
                    "messages", messageRefs));
        }
    }

    private static Map<String, Object> message(EventType<?> type) {
        return map(
                "name", type.ceType(),
                "title", type.payload().getSimpleName() + " on " + type.topic(),
                "summary", schemaDescription(type.schema()),
                "contentType", "application/json",
                "headers", map("allOf", List.of(
                        ref("#/components/schemas/CloudEventHeaders"),
                        map("type", "object", "properties", map(CloudEventHeaders.TYPE, map("const", type.ceType()))))),
                "payload", map("schemaFormat", JSON_SCHEMA, "schema", ref(SCHEMAS + type.schema() + ".schema.json")),
                "bindings", map("kafka", map(
                        "key", map("type", "string", "description", keyOf(type)),
                        "bindingVersion", KAFKA_BINDING)));
    }

    private static String keyOf(EventType<?> type) {
        if (type == EventType.POLICY_RELOADED) {
            return "The policy id.";
        }
        if (type == EventType.CHECKPOINT_ISSUED) {
            return "The log's origin.";
        }
        if (type == EventType.ACCOUNTS_LISTED) {
            return "Always \"" + AccountsListed.KEY + "\": compaction keeps the latest list.";
        }
        if (type == EventType.DEAD_LETTER_HANDLED) {
            return "The post id of the record handled when it had one, else <dead-letter topic>/<partition>/<offset>.";
        }
        return "The post id (a UUID), the same as ce_subject.";
    }

    private static Map<String, Object> deadLetterMessage() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("dead-letter-reason", map("type", "string",
                "description", "Why the record could not be processed."));
        headers.put("dead-letter-cause", map("type", "string",
                "description", "The cause of the failure, when there was one."));
        headers.put("dead-letter-topic", map("type", "string", "description", "The topic the record was read from."));
        headers.put("dead-letter-partition", map("type", "string", "description", "Its partition there."));
        headers.put("dead-letter-offset", map("type", "string", "description", "Its offset there."));
        headers.put("dead-letter-exception-class-name", map("type", "string"));
        headers.put("dead-letter-cause-class-name", map("type", "string"));
        return map(
                "name", "dead-letter",
                "title", "A record that could not be processed",
                "summary", "The original record (key, value and headers, so its ce_* headers when it had them) with "
                        + "the dead-letter headers SmallRye Reactive Messaging adds.",
                "headers", map("type", "object", "required", List.of("dead-letter-reason", "dead-letter-topic"),
                        "properties", headers),
                "payload", map("type", "string", "description", "The record's value as it was, valid JSON or not."));
    }

    private static Map<String, Object> cloudEventHeaders() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CloudEventHeaders.SPEC_VERSION, map("const", "1.0"));
        properties.put(CloudEventHeaders.ID, map("type", "string", "format", "uuid",
                "description", "The event id, derived from its type, post and cause: a redelivery has the same id "
                        + "and changes nothing."));
        properties.put(CloudEventHeaders.SOURCE, map("type", "string", "description", "The service that made it."));
        properties.put(CloudEventHeaders.TYPE, map("type", "string"));
        properties.put(CloudEventHeaders.TIME, map("type", "string", "format", "date-time"));
        properties.put(CloudEventHeaders.SUBJECT, map("type", "string", "description", "The record key."));
        properties.put(CloudEventHeaders.CONTENT_TYPE, map("const", "application/json"));
        List<String> required = List.copyOf(properties.keySet());
        properties.put("traceparent", map("type", "string", "pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
                "description", "W3C Trace Context: the trace of the work that made the event (from the request that "
                        + "began it), which the consumer's work goes on in. Optional: a record without it starts a "
                        + "new trace."));
        return map(
                "type", "object",
                "description", "CloudEvents 1.0 attributes as Kafka headers (the CloudEvents Kafka protocol binding, "
                        + "binary content mode). A record without them is dead-lettered.",
                "required", required,
                "properties", properties);
    }

    private static String readers(KafkaAccess.TopicAccess access) {
        if (access.readers().isEmpty()) {
            return "no service (people and tools as " + KafkaAccess.OPS_READER + ")";
        }
        return String.join(", ", access.readers().stream()
                .map(r -> r.principal() + (r.group() == null ? " (by assignment, no group)" : " (group " + r.group() + ")"))
                .toList());
    }

    private static Map<String, Object> channelBinding(String topic) {
        Map<String, Object> binding = map("topic", topic);
        if (Topics.compacted().contains(topic)) {
            binding.put("topicConfiguration", map("cleanup.policy", List.of("compact")));
        }
        binding.put("bindingVersion", KAFKA_BINDING);
        return binding;
    }

    private static String names(Set<String> principals) {
        return String.join(", ", principals.stream().sorted().toList());
    }

    static String messageName(EventType<?> type) {
        String[] words = type.ceType().substring("dev.crier.".length()).split("[.-]");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    static String channelId(String topic) {
        return topic.replace('.', '-');
    }

    static String operationId(String who, String action, String topic) {
        return who + "." + action + "." + channelId(topic);
    }

    private static Map<String, Object> ref(String target) {
        return map("$ref", target);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
