package dev.crier.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What auditors filter on, read from a record's stored payload: the draft's author and department, the decision,
 * the rules that found something, and the platforms named (a draft's targets, a publish outcome's or a
 * retraction's results). Absent fields stay null or empty; a payload that is not a JSON object has none.
 */
public record RecordFields(String authorId, String department, String decision, List<String> ruleIds,
                           List<String> platforms) {

    private static final RecordFields NONE = new RecordFields(null, null, null, List.of(), List.of());

    /** The fields of a stored payload's JSON object; none when it has none (null). */
    public static RecordFields of(JsonNode j) {
        if (j == null) {
            return NONE;
        }
        Set<String> rules = new LinkedHashSet<>();
        j.path("findings").forEach(f -> addText(rules, f.path("ruleId")));
        Set<String> platforms = new LinkedHashSet<>();
        j.path("draft").path("platforms").forEach(p -> addText(platforms, p));
        j.path("results").forEach(r -> addText(platforms, r.path("platform")));
        JsonNode author = j.path("draft").path("author");
        return new RecordFields(text(author.path("id")), text(author.path("department")), text(j.path("decision")),
                List.copyOf(rules), List.copyOf(platforms));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static void addText(Set<String> into, JsonNode node) {
        if (node.isTextual()) {
            into.add(node.textValue());
        }
    }
}
