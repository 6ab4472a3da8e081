package dev.crier.audit.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.audit.domain.checkpoint.SignedCheckpoint;
import dev.crier.audit.store.RecordSearch;
import dev.crier.audit.verify.LedgerCheck;
import dev.crier.events.Decision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the auditor console's pages show, prepared as plain values for the templates (which escape every one). */
final class AuditPages {

    private AuditPages() {
    }

    /** The overview: the newest checkpoint, the server-side check, the charts and the exports. */
    record Overview(String who, CheckpointInfo checkpoint, LedgerCheck.Status check, int percent, Chart decisions,
                    Chart rules, LocalDate since) {
    }

    record CheckpointInfo(String origin, long size, String rootHash, String issuedAt, String note) {
        static CheckpointInfo of(SignedCheckpoint s) {
            return new CheckpointInfo(s.checkpoint().origin(), s.checkpoint().size(),
                    Base64.getEncoder().encodeToString(s.checkpoint().rootHash()), s.issuedAt().toString(), s.note());
        }
    }

    /** A chart and its text alternative: a table with the same numbers. */
    record Chart(String id, String title, String summary, BarChart svg, List<String> columns, List<List<String>> rows) {
        public boolean empty() {
            return rows.isEmpty();
        }
    }

    static final List<String> DECISIONS = Arrays.stream(Decision.values()).map(Enum::name).toList();
    /** Approved green, needs review amber, rejected red: each at least 3:1 against the white page. */
    private static final Map<String, String> DECISION_FILLS = Map.of("APPROVED", "#1e6b35", "NEEDS_REVIEW", "#8a6d00",
            "REJECTED", "#a4161a");

    /** Decisions per UTC day from {@code since} to {@code today}, every day shown, stacked by decision. */
    static Chart decisionsPerDay(List<RecordSearch.DayCount> counts, LocalDate since, LocalDate today) {
        List<LocalDate> days = since.datesUntil(today.plusDays(1)).toList();
        long[][] values = new long[days.size()][DECISIONS.size()];
        long total = 0;
        for (RecordSearch.DayCount c : counts) {
            int d = days.indexOf(c.day());
            int s = DECISIONS.indexOf(c.key());
            if (d >= 0 && s >= 0) {
                values[d][s] += c.count();
                total += c.count();
            }
        }
        List<String> columns = new ArrayList<>(List.of("Day (UTC)"));
        columns.addAll(DECISIONS);
        columns.add("Total");
        List<List<String>> rows = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            long sum = Arrays.stream(values[d]).sum();
            if (sum > 0) {
                List<String> row = new ArrayList<>(List.of(days.get(d).toString()));
                Arrays.stream(values[d]).forEach(v -> row.add(Long.toString(v)));
                row.add(Long.toString(sum));
                rows.add(row);
            }
        }
        BarChart svg = BarChart.stacked(days.stream().map(d -> d.toString().substring(5)).toList(), DECISIONS,
                DECISIONS.stream().map(DECISION_FILLS::get).toList(), values);
        return new Chart("decisions", "Decisions per day", total + " decisions from " + since + " to " + today
                + ", per day, stacked: approved at the bottom, then needs review, then rejected.", svg, columns, rows);
    }

    /** Findings per rule over the whole period, most frequent first (at most 15 rules drawn; the table has all). */
    static Chart findingsByRule(List<RecordSearch.DayCount> counts, LocalDate since, LocalDate today) {
        Map<String, Long> byRule = new TreeMap<>();
        counts.forEach(c -> byRule.merge(c.key(), c.count(), Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        byRule.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        List<String> drawn = sorted.keySet().stream().limit(15).toList();
        BarChart svg = BarChart.horizontal(drawn, drawn.stream().mapToLong(sorted::get).toArray(), "#0b4f8a");
        List<List<String>> rows = sorted.entrySet().stream()
                .map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList();
        return new Chart("rules", "Findings by rule", sorted.size() + " rules found something from " + since + " to "
                + today + "; one bar per rule, longest the most findings.", svg, List.of("Rule", "Findings"), rows);
    }

    /** The search form's values, as typed (echoed back escaped). */
    record Filters(String from, String to, String type, String author, String department, String decision,
                   String rule, String platform) {
    }

    /** One search result: a line per record, with the post's timeline one click away. */
    record Row(long index, String receivedAt, String type, String postId, String author, String summary) {
    }

    record Search(String who, Filters filters, List<String> types, List<String> decisions, List<Row> rows,
                  String next, String csv, String jsonl, String error) {
    }

    record Entry(long index, String eventId, String type, String topic, String source, String time,
                 String receivedAt, String leafHash, String payload) {
    }

    record TimelinePage(String who, String postId, List<Entry> entries, String error) {
    }

    /** A line about what an event says: its decision or outcome, and the start of its draft's text or reason. */
    static String summary(JsonNode data) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("decision", "status", "outcome")) {
            if (data.path(field).isTextual()) {
                parts.add(data.path(field).asText());
            }
        }
        String text = data.path("draft").path("text").isTextual() ? data.path("draft").path("text").asText()
                : data.path("reason").isTextual() ? data.path("reason").asText() : null;
        if (text != null) {
            parts.add(text.length() > 140 ? text.substring(0, 140) + "…" : text);
        }
        return String.join(" · ", parts);
    }

    static String author(JsonNode data) {
        JsonNode id = data.path("draft").path("author").path("id");
        return id.isTextual() ? id.asText() : "";
    }
}
