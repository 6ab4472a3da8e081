package dev.crier.audit.store;

import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.RecordFilter;
import dev.crier.platform.store.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Auditors' reads over the ledger: filtered pages in index order, streamed exports, and daily counts. The SQL is
 * assembled only from fixed fragments; every value the caller gives is a bound parameter.
 */
@ApplicationScoped
public class RecordSearch {

    /** Rows fetched per round trip while streaming: the server-side cursor keeps the rest in the database. */
    private static final int FETCH_SIZE = 500;

    /** Type, author, department and platform, the values of the one GIN index over them (migration V9). */
    private static final String FACETS = "audit_facets(ce_type, author_id, department, platforms)";
    static final String FACETS_CONDITION = " AND " + FACETS + " @> ?::text[]";

    private final Database database;

    public RecordSearch(Database database) {
        this.database = database;
    }

    /** Up to {@code limit} records after index {@code after} (exclusive; -1 for the start), in index order. */
    public List<AuditRecord> page(RecordFilter filter, long after, int limit) {
        List<AuditRecord> records = new ArrayList<>();
        database.inTransaction(c -> {
            query(c, filter, after, Long.MAX_VALUE, limit, records::add);
            return null;
        });
        return records;
    }

    /** Every matching record below index {@code below}, in index order, without holding them in memory. */
    public void stream(RecordFilter filter, long below, RecordSink sink) {
        // pgjdbc uses a server-side cursor (FETCH_SIZE rows at a time) only inside a transaction.
        database.inTransaction(c -> {
            query(c, filter, -1, below, 0, sink);
            return null;
        });
    }

    /** Receives records one at a time. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(AuditRecord record);
    }

    /** One count: of {@code key} (a decision, rule id or platform) on a day. */
    public record DayCount(LocalDate day, String key, long count) {
    }

    /** Decisions per day (posts.decided), rule findings per day (posts.decided), and publish outcomes per platform. */
    public record Stats(List<DayCount> decisions, List<DayCount> rules, List<DayCount> platforms) {
    }

    public Stats stats(RecordFilter filter) {
        // Each kind is named to the facet index too (&&: any of), which finds its records without a scan.
        return database.inTransaction(c -> new Stats(
                    counts(c, filter, "decision", "ce_type = 'dev.crier.post.decided' AND decision IS NOT NULL"),
                    counts(c, filter, "unnest(rule_ids)", "ce_type = 'dev.crier.post.decided' AND " + FACETS
                            + " && '{type:dev.crier.post.decided}'"),
                    counts(c, filter, "unnest(platforms)",
                            "ce_type IN ('dev.crier.post.published', 'dev.crier.post.publish-failed') AND " + FACETS
                                    + " && '{type:dev.crier.post.published,type:dev.crier.post.publish-failed}'")));
    }

    private static List<DayCount> counts(Connection c, RecordFilter filter, String key, String kind)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        String sql = "SELECT day, k, count(*) FROM (SELECT (received_at AT TIME ZONE 'UTC')::date AS day, " + key
                + " AS k FROM audit_records WHERE " + kind + where + ") t GROUP BY day, k ORDER BY day, k";
        List<DayCount> counts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new DayCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return counts;
    }

    private static void query(Connection c, RecordFilter filter, long after, long below, int limit, RecordSink sink)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(after);
        params.add(below);
        String sql = "SELECT " + AuditLedger.RECORD_COLUMNS + " FROM audit_records WHERE idx > ? AND idx < ?"
                + where(filter, params) + " ORDER BY idx" + (limit > 0 ? " LIMIT " + limit : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(AuditLedger.read(rs));
                }
            }
        }
    }

    /** The filter's conditions, each " AND ..." with its value added to {@code params}. */
    private static String where(RecordFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        // Type, author, department and platform are found through one GIN index (migration V9); the exact
        // conditions after it keep a platform spelt like a prefixed value from standing in for it.
        List<String> facets = new ArrayList<>();
        facet(facets, "type:", f.type());
        facet(facets, "author:", f.author());
        facet(facets, "department:", f.department());
        facet(facets, "", f.platform());
        condition(sql, params, FACETS_CONDITION, facets.isEmpty() ? null : facets.toArray(String[]::new));
        condition(sql, params, " AND received_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        condition(sql, params, " AND received_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        condition(sql, params, " AND ce_type = ?", f.type());
        condition(sql, params, " AND author_id = ?", f.author());
        condition(sql, params, " AND department = ?", f.department());
        condition(sql, params, " AND decision = ?", f.decision());
        condition(sql, params, " AND rule_ids <> '{}' AND rule_ids @> ARRAY[?::text]", f.rule());
        condition(sql, params, " AND platforms @> ARRAY[?::text]", f.platform());
        return sql.toString();
    }

    private static void facet(List<String> facets, String prefix, String value) {
        if (value != null) {
            facets.add(prefix + value);
        }
    }

    private static void condition(StringBuilder sql, List<Object> params, String fragment, Object value) {
        if (value != null) {
            sql.append(fragment);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }
}
