package dev.crier.audit.store;

import dev.crier.audit.TestEvents;
import dev.crier.infra.CrierTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses to rewrite history, whatever the service's code does. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class AuditLedgerGuardsTest {

    @Inject
    AgroalDataSource db;

    @Inject
    AuditLedger ledger;

    /** Row triggers fire only for rows that exist. */
    @BeforeEach
    void oneRecordAtLeast() {
        ledger.append(TestEvents.received());
    }

    @Test
    void updateIsRefused() {
        assertRefused("UPDATE audit_records SET payload = 'x'::bytea", "UPDATE");
    }

    @Test
    void deleteIsRefused() {
        assertRefused("DELETE FROM audit_records", "DELETE");
    }

    @Test
    void truncateIsRefused() {
        assertRefused("TRUNCATE audit_records", "TRUNCATE");
    }

    /** Replica sessions skip ordinary triggers; only a superuser may start one, and ENABLE ALWAYS still fires. */
    @Test
    void aSuperusersReplicaSessionCannotSkipTheGuards() {
        assertRefused(() -> CrierTestResource.infra().postgres().superuser("crier_audit"),
                "SET session_replication_role = replica; DELETE FROM audit_records", "DELETE");
    }

    @Test
    void theTreesTablesRefuseChangesToo() {
        assertThatThrownBy(() -> {
            try (Connection c = db.getConnection()) {
                c.createStatement().execute("DELETE FROM audit_tree_heads");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("audit_tree_heads is append-only: DELETE refused");
        assertThatThrownBy(() -> {
            try (Connection c = db.getConnection()) {
                c.createStatement().execute("TRUNCATE audit_tree_nodes");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("audit_tree_nodes is append-only: TRUNCATE refused");
    }

    private void assertRefused(String sql, String operation) {
        assertRefused(db::getConnection, sql, operation);
    }

    private static void assertRefused(ConnectionSource source, String sql, String operation) {
        assertThatThrownBy(() -> {
            try (Connection c = source.open()) {
                c.createStatement().execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("audit_records is append-only: " + operation + " refused");
    }

    private interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
