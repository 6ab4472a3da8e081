package dev.crier.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a submitted JSON document into a {@link Draft}, or lists every field that is wrong. Written by hand rather
 * than bound by Jackson: a client needs each error named by its field (Jackson stops at the first and names
 * Java types), and nulls, wrong types and unknown fields must all be refused.
 */
public final class DraftParser {

    public static final int MAX_TEXT_LENGTH = 100_000;
    public static final Set<String> LANGUAGES = Set.of("en", "fr");
    public static final Set<String> PLATFORMS = new LinkedHashSet<>(List.of("x", "mastodon", "bluesky", "facebook", "linkedin", "sandbox"));
    private static final Set<String> FIELDS = Set.of("text", "language", "translations", "platforms", "media", "author",
            "category", "publishAt", "repostOf", "externalId");
    private static final Set<String> MEDIA_FIELDS = Set.of("url", "altText", "mimeType");
    private static final Set<String> AUTHOR_FIELDS = Set.of("id", "name", "department");
    private static final int MAX_MEDIA = 10;
    private static final int MAX_SHORT = 256;

    public Draft parse(JsonNode root) {
        List<Violation> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidDraftException(List.of(new Violation("", "the body must be a JSON object")));
        }
        unknownFields(root, FIELDS, "", errors);
        String text = text(root, "text", "text", true, MAX_TEXT_LENGTH, errors);
        String language = text(root, "language", "language", false, 2, errors);
        if (language == null) {
            language = "en";
        } else if (!LANGUAGES.contains(language)) {
            errors.add(new Violation("language", "must be one of " + LANGUAGES.stream().sorted().toList()));
        }
        Map<String, String> translations = translations(root.get("translations"), language, errors);
        List<String> platforms = platforms(root.get("platforms"), errors);
        List<Draft.Media> media = media(root.get("media"), errors);
        Draft.Author author = author(root.get("author"), errors);
        String category = text(root, "category", "category", false, MAX_SHORT, errors);
        Instant publishAt = instant(root, "publishAt", errors);
        String repostOf = text(root, "repostOf", "repostOf", false, 2048, errors);
        if (repostOf != null && !isWebUrl(repostOf)) {
            errors.add(new Violation("repostOf", "must be an absolute http(s) URL"));
        }
        String externalId = text(root, "externalId", "externalId", false, MAX_SHORT, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDraftException(errors);
        }
        return new Draft(text, language, translations, platforms, media, author, category, publishAt, repostOf, externalId);
    }

    private static Map<String, String> translations(JsonNode node, String language, List<Violation> errors) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(new Violation("translations", "must be an object of language code to text, e.g. {\"fr\": \"...\"}"));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String lang = it.next();
            String path = "translations." + lang;
            if (!LANGUAGES.contains(lang)) {
                errors.add(new Violation(path, "unknown language; use one of " + LANGUAGES.stream().sorted().toList()));
            } else if (lang.equals(language)) {
                errors.add(new Violation(path, "is the draft's own language; put that version in 'text'"));
            }
            String value = text(node, lang, path, true, MAX_TEXT_LENGTH, errors);
            if (value != null) {
                out.put(lang, value);
            }
        }
        return out;
    }

    private static List<String> platforms(JsonNode node, List<Violation> errors) {
        if (absent(node)) {
            errors.add(new Violation("platforms", "is required: one or more of " + PLATFORMS));
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new Violation("platforms", "must be a non-empty array of " + PLATFORMS));
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "platforms[" + i + "]";
            if (!item.isTextual()) {
                errors.add(new Violation(path, "must be a string"));
            } else if (!PLATFORMS.contains(item.asText())) {
                errors.add(new Violation(path, "unknown platform '" + item.asText() + "'; use one of " + PLATFORMS));
            } else if (!out.add(item.asText())) {
                errors.add(new Violation(path, "'" + item.asText() + "' is listed twice"));
            }
        }
        return List.copyOf(out);
    }

    private static List<Draft.Media> media(JsonNode node, List<Violation> errors) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new Violation("media", "must be an array of {url, altText, mimeType}"));
            return List.of();
        }
        if (node.size() > MAX_MEDIA) {
            errors.add(new Violation("media", "at most " + MAX_MEDIA + " items"));
        }
        List<Draft.Media> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "media[" + i + "]";
            if (!item.isObject()) {
                errors.add(new Violation(path, "must be an object {url, altText, mimeType}"));
                continue;
            }
            unknownFields(item, MEDIA_FIELDS, path + ".", errors);
            String url = text(item, "url", path + ".url", true, 2048, errors);
            if (url != null && !isWebUrl(url)) {
                errors.add(new Violation(path + ".url", "must be an absolute http(s) URL"));
            }
            String alt = text(item, "altText", path + ".altText", false, 1500, errors);
            String mime = text(item, "mimeType", path + ".mimeType", false, 100, errors);
            out.add(new Draft.Media(url, alt, mime));
        }
        return out;
    }

    private static Draft.Author author(JsonNode node, List<Violation> errors) {
        if (absent(node)) {
            errors.add(new Violation("author", "is required: {\"id\": ..., \"name\": ..., \"department\": ...}"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new Violation("author", "must be an object {id, name, department}"));
            return null;
        }
        unknownFields(node, AUTHOR_FIELDS, "author.", errors);
        return new Draft.Author(text(node, "id", "author.id", true, MAX_SHORT, errors),
                text(node, "name", "author.name", false, MAX_SHORT, errors),
                text(node, "department", "author.department", false, MAX_SHORT, errors));
    }

    private static Instant instant(JsonNode parent, String field, List<Violation> errors) {
        String value = text(parent, field, field, false, 64, errors);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Violation(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-25T14:30:00-05:00"));
            return null;
        }
    }

    /** A string field: absent or null is allowed unless required; any other type is an error. */
    private static String text(JsonNode parent, String field, String path, boolean required, int maxLength, List<Violation> errors) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            if (required) {
                errors.add(new Violation(path, node == null ? "is required" : "must not be null"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new Violation(path, "must be a string, not " + node.getNodeType().name().toLowerCase()));
            return null;
        }
        String value = node.asText();
        if (required && value.isBlank()) {
            errors.add(new Violation(path, "must not be empty"));
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(new Violation(path, "is longer than " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<Violation> errors) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new Violation(prefix + name, "unknown field"));
            }
        });
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
