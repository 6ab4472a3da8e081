package dev.crier.audit.domain.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the ledger stores of an event's bytes. The policy engine lives in policy-service and its findings arrive only
 * after a draft (drafts.submitted comes first), so the audit cannot wait for them without holding the original; it
 * masks, itself, every recognisable piece of personal information or secret ({@link Masker}) in every string of the
 * event, before anything is written. An event with nothing to mask is stored byte for byte. A masked one is stored
 * re-encoded, with the SHA-256 of the original bytes in a top-level {@value #ORIGINAL_HASH} member: it lies inside
 * the hashed bytes, so the Merkle tree protects it, and whoever holds the original can prove it is what was received.
 */
public final class PayloadMasker {

    public static final String ORIGINAL_HASH = "auditOriginalSha256";

    /** Identifiers and hashes carry no personal information, and masking digits in them would break them. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{32,}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadMasker() {
    }

    /**
     * What the ledger stores of an event's bytes, with the JSON object they hold (null when they hold none), parsed
     * once here so that the query columns ({@code RecordFields}) are read without parsing the bytes again.
     */
    public record Stored(byte[] bytes, JsonNode json) {
    }

    /** What to store of {@code payload}: itself when nothing is sensitive, else masked with the original's hash. */
    public static Stored mask(byte[] payload) {
        JsonNode tree = objectOrNull(payload);
        if (tree == null) {
            // Not an event object: mask it as plain text rather than risk storing what it holds.
            String text = new String(payload, StandardCharsets.UTF_8);
            String masked = Masker.mask(text);
            if (masked.equals(text)) {
                return new Stored(payload, null);
            }
            byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
            // Masking can mend what made it unreadable (a raw line break inside a private-key block, say).
            return new Stored(bytes, objectOrNull(bytes));
        }
        if (!maskStrings(tree)) {
            return new Stored(payload, tree);
        }
        ((ObjectNode) tree).put(ORIGINAL_HASH, HexFormat.of().formatHex(sha256(payload)));
        try {
            return new Stored(JSON.writeValueAsBytes(tree), tree);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static JsonNode objectOrNull(byte[] bytes) {
        try {
            JsonNode tree = JSON.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Masks every string value under {@code node} in place; whether any changed. */
    private static boolean maskStrings(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String masked = maskedText(field.getValue());
                if (masked != null) {
                    field.setValue(TextNode.valueOf(masked));
                    changed = true;
                } else {
                    changed |= maskStrings(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String masked = maskedText(array.get(i));
                if (masked != null) {
                    array.set(i, TextNode.valueOf(masked));
                    changed = true;
                } else {
                    changed |= maskStrings(array.get(i));
                }
            }
        }
        return changed;
    }

    /** The masked text of a string node, or null when it is not a string or has nothing to mask. */
    private static String maskedText(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String masked = Masker.mask(node.textValue());
        // Most strings have nothing to mask: the identifier test is left for the few that do.
        return masked.equals(node.textValue()) || IDENTIFIER.matcher(node.textValue()).matches() ? null : masked;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
