package dev.crier.audit.store;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.AuditRecord;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.RecordFilter;
import dev.crier.infra.CrierTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Type, author, department and platform filters go through one GIN index over prefixed values (migration V9): the
 * index is the one the search's condition reaches, and a value spelt like another kind's prefix never matches.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class RecordSearchTest {

    @Inject
    AuditLedger ledger;

    @Inject
    RecordSearch search;

    @Inject
    AgroalDataSource db;

    @Test
    void eachFilterFindsItsOwnKindOnly() {
        String author = TestEvents.uniqueName("u-");
        String department = TestEvents.uniqueName("dept-");
        ReceivedEvent byAuthor = draft(author, department, "sandbox");
        // Its platform is spelt as the author's and the department's index values are: it is neither.
        ReceivedEvent impostor = draft("u-other", "dept-other", "author:" + author);
        ReceivedEvent inDepartment = draft("u-other", department, "department:" + department);
        assertThat(ledger.append(byAuthor)).isTrue();
        assertThat(ledger.append(impostor)).isTrue();
        assertThat(ledger.append(inDepartment)).isTrue();

        assertThat(ids(new RecordFilter(null, null, null, author, null, null, null, null)))
                .containsExactly(byAuthor.eventId());
        assertThat(ids(new RecordFilter(null, null, null, null, department, null, null, null)))
                .containsExactly(byAuthor.eventId(), inDepartment.eventId());
        assertThat(ids(new RecordFilter(null, null, null, null, null, null, null, "author:" + author)))
                .containsExactly(impostor.eventId());
        assertThat(ids(new RecordFilter(null, null, "dev.crier.draft.submitted", author, department, null, null,
                "sandbox"))).containsExactly(byAuthor.eventId());
        assertThat(ids(new RecordFilter(null, null, "dev.crier.post.decided", author, null, null, null, null)))
                .isEmpty();
    }

    @Test
    void theFacetConditionIsAnsweredByTheFacetIndex() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // Only bitmap scans are left to the planner: it uses the GIN index if its expression is the query's.
            s.execute("SET LOCAL enable_seqscan = off");
            s.execute("SET LOCAL enable_indexscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT idx FROM audit_records WHERE true"
                    + RecordSearch.FACETS_CONDITION.replace("?::text[]", "ARRAY['author:u-1']") + " ORDER BY idx")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            assertThat(plan.toString()).contains("Bitmap Index Scan on audit_records_facets");
        }
    }

    private List<String> ids(RecordFilter filter) {
        return search.page(filter, -1, 1_000).stream().map(AuditRecord::eventId).toList();
    }

    private static ReceivedEvent draft(String author, String department, String platform) {
        UUID post = UUID.randomUUID();
        String json = "{\"postId\":\"" + post + "\",\"draft\":{\"text\":\"Hello\",\"platforms\":[\"" + platform
                + "\"],\"author\":{\"id\":\"" + author + "\",\"department\":\"" + department + "\"}}}";
        return new ReceivedEvent(UUID.randomUUID().toString(), "dev.crier.draft.submitted", "drafts.submitted",
                post.toString(), post, "/test", Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }
}
