package dev.crier.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * JSON for event payloads, checked against the event type's JSON Schema both ways: a producer cannot send what a
 * consumer would refuse, and a consumer refuses what the contract does not allow. Thread-safe.
 */
public final class EventCodec {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix("https://crier.dev/schemas/", "classpath:schemas/")));

    private final ObjectMapper mapper = mapper();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The mapper every Crier component uses for event JSON: ISO-8601 times, nulls left out, unknown fields kept out. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    public <T> String encode(EventType<T> type, T payload) {
        JsonNode node = mapper.valueToTree(payload);
        Set<ValidationMessage> errors = schemaOf(type).validate(node);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("refusing to send an invalid " + type.ceType() + ": " + describe(errors));
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T decode(EventType<T> type, String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("empty payload for " + type.ceType());
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("payload is not JSON: " + e.getOriginalMessage());
        }
        Set<ValidationMessage> errors = schemaOf(type).validate(node);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("payload does not match the " + type.schema() + " schema: " + describe(errors));
        }
        try {
            return mapper.treeToValue(node, type.payload());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("payload does not map to " + type.payload().getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    private JsonSchema schemaOf(EventType<?> type) {
        return schemas.computeIfAbsent(type.schema(), name -> {
            try (InputStream in = EventCodec.class.getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no schema " + type.schemaResource());
                }
                return SCHEMAS.getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String describe(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
