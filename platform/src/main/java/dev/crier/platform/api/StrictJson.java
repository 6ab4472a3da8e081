package dev.crier.platform.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a request body as JSON, strictly: valid UTF-8, one JSON value, no duplicate keys; anything else is a 400
 * problem that says where the body went wrong.
 */
public final class StrictJson {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    public static JsonNode read(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("The body is not valid UTF-8.", List.of());
        }
        if (text.isBlank()) {
            throw ProblemException.invalid("The body is empty; send a draft as a JSON object.", List.of());
        }
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw ProblemException.invalid("The body is not valid JSON" + (where == null ? "" : " (line "
                    + where.getLineNr() + ", column " + where.getColumnNr() + ")") + ": " + e.getOriginalMessage(), List.of());
        }
    }
}
