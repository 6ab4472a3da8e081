package dev.crier.policy.console;

import dev.crier.events.Draft;
import dev.crier.events.Finding;
import dev.crier.policy.domain.review.ReviewCase;
import dev.crier.policy.store.ReviewStore.Stored;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the reviewer console's pages show, already in words: the templates only lay it out (and escape it). */
final class ConsolePages {

    private ConsolePages() {
    }

    private static final Map<String, String> LANGUAGES = Map.of("en", "English", "fr", "French (français)");

    @TemplateData
    record Filters(String status, String category, String platform, String department, String olderThan) {
        public List<String> statuses() {
            return java.util.Arrays.stream(ReviewCase.Status.values()).map(Enum::name).toList();
        }
    }

    @TemplateData
    record Row(String postId, String status, String category, String platforms, String department, String publishAt,
               String waiting, String approvals, boolean escalated, boolean commsHead, String excerpt) {
        static Row of(Stored s, Instant now) {
            ReviewCase r = s.review();
            String text = s.decided().draft().text();
            return new Row(r.postId(), r.status().name(), orDash(r.category()), String.join(", ", s.platforms()),
                    orDash(s.department()), r.publishAt() == null ? "—" : r.publishAt().toString(),
                    waited(Duration.between(r.receivedAt(), now)), r.approvals().size() + " of " + r.requirements().approvals(),
                    r.escalatedAt() != null, r.requirements().commsHead(), text.length() <= 100 ? text : text.substring(0, 99) + "…");
        }
    }

    @TemplateData
    record QueuePage(String who, Filters filters, List<Row> rows, String notice, String error) {
    }

    @TemplateData
    record Version(String language, String label, List<Highlighter.Piece> pieces) {
    }

    @TemplateData
    record FindingRow(String rule, String action, String version, String span, String message, String messageFr,
                      String excerpt, String fix) {
        static FindingRow of(Finding f) {
            return new FindingRow(f.ruleId(), f.action().name(), f.version(), f.start() + "–" + f.end(), f.message(),
                    f.messageFr(), f.excerpt(), f.fix());
        }
    }

    @TemplateData
    record HistoryRow(String at, String actor, String role, String action, String reason, String publishAt, String statusAfter) {
    }

    @TemplateData
    record DetailPage(String who, String postId, String status, String category, String department, String platforms,
                      String author, String publishAt, String policy, String needs, String approvals, String escalated,
                      List<Version> versions, List<FindingRow> findings, List<HistoryRow> history, boolean open,
                      boolean commsHead, String error, String reason, String eventPending) {
        static DetailPage of(Stored s, String who, boolean commsHead, String error, String reason) {
            ReviewCase r = s.review();
            Draft d = s.decided().draft();
            List<Version> versions = d.versions().entrySet().stream().map(e -> new Version(e.getKey(),
                    LANGUAGES.getOrDefault(e.getKey(), e.getKey()),
                    Highlighter.pieces(e.getValue(), e.getKey(), s.decided().findings()))).toList();
            String needs = (r.requirements().approvals() == 2 ? "two approvals from two different people" : "one approval")
                    + (r.requirements().commsHead() ? ", one of them by a comms-head" : "")
                    + "; escalated after " + r.requirements().escalateAfter().toMinutes() + " min";
            String approvals = r.approvals().isEmpty() ? "none yet" : String.join(", ",
                    r.approvals().stream().map(a -> a.reviewer() + (a.commsHead() ? " (comms-head)" : "")).toList());
            var p = s.decided().policy();
            boolean open = r.status() == ReviewCase.Status.PENDING || (r.status() == ReviewCase.Status.EXPIRED && commsHead);
            return new DetailPage(who, r.postId(), r.status().name(), orDash(r.category()), orDash(s.department()),
                    String.join(", ", d.platforms()), d.author() == null ? "—" : d.author().id()
                    + (d.author().name() == null ? "" : " (" + d.author().name() + ")"),
                    r.publishAt() == null ? "—" : r.publishAt().toString(), p.id() + " " + p.version(), needs, approvals,
                    r.escalatedAt() == null ? "no" : "yes, at " + r.escalatedAt(), versions,
                    s.decided().findings().stream().map(FindingRow::of).toList(),
                    s.history().stream().map(h -> new HistoryRow(h.at().toString(), h.actor(), h.role(), h.action(),
                            h.reason() == null ? "" : h.reason(), h.publishAt() == null ? "" : h.publishAt().toString(),
                            h.statusAfter().name())).toList(),
                    open, commsHead, error, reason == null ? "" : reason,
                    s.eventPending() ? "An outcome of this review is recorded and waits for Kafka; it is sent as soon as Kafka takes it." : null);
        }
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    static String waited(Duration d) {
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : Math.max(0, d.toMinutes()) + " min";
    }
}
