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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database itself refuses to rewrite history, whatever the service's code does: the service's role may only
 * read and append, and triggers refuse changes even to the tables' owner and to a superuser's replica session.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class AuditLedgerGuardsTest {

    private static final String[] TABLES = {"audit_records", "audit_tree_nodes", "audit_tree_heads", "audit_checkpoints"};

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
    void theServicesRoleMayOnlyReadAndAppend() throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT current_user, has_table_privilege('audit_records', 'SELECT'), "
                        + "has_table_privilege('audit_records', 'INSERT')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("crier_audit_app");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).isTrue();
        }
        for (String table : TABLES) {
            for (String sql : new String[] {"UPDATE " + table + " SET " + aColumnOf(table), "DELETE FROM " + table,
                    "TRUNCATE " + table}) {
                assertFails(db::getConnection, sql, "permission denied for table " + table);
            }
        }
    }

    @Test
    void theServicesRoleCannotLiftTheGuards() {
        assertFails(db::getConnection, "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete",
                "must be owner of");
        assertFails(db::getConnection, "DROP TRIGGER audit_records_no_truncate ON audit_records",
                "must be owner of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE audit_records SET payload = 'x'::bytea", "DELETE FROM audit_records",
            "TRUNCATE audit_records"})
    void theTablesOwnerIsRefusedByTheTriggers(String sql) {
        assertFails(AuditLedgerGuardsTest::owner, sql, "audit_records is append-only: " + sql.split(" ")[0] + " refused");
    }

    /** Replica sessions skip ordinary triggers; only a superuser may start one, and ENABLE ALWAYS still fires. */
    @Test
    void aSuperusersReplicaSessionCannotSkipTheGuards() {
        assertFails(() -> CrierTestResource.infra().postgres().superuser("crier_audit"),
                "SET session_replication_role = replica; DELETE FROM audit_records", "audit_records is append-only: DELETE refused");
    }

    @Test
    void theTreesTablesRefuseChangesToo() {
        assertFails(AuditLedgerGuardsTest::owner, "DELETE FROM audit_tree_heads", "audit_tree_heads is append-only: DELETE refused");
        assertFails(AuditLedgerGuardsTest::owner, "TRUNCATE audit_tree_nodes", "audit_tree_nodes is append-only: TRUNCATE refused");
    }

    /** The owner, as migrations connect: the role that could lift the guards, and still meets the triggers. */
    private static Connection owner() throws SQLException {
        Map<String, String> config = CrierTestResource.infra().configFor("audit");
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), config.get("quarkus.flyway.username"),
                config.get("quarkus.flyway.password"));
    }

    private static String aColumnOf(String table) {
        return switch (table) {
            case "audit_records", "audit_tree_nodes" -> "idx = idx";
            default -> "size = size";
        };
    }

    private static void assertFails(ConnectionSource source, String sql, String message) {
        assertThatThrownBy(() -> {
            try (Connection c = source.open()) {
                c.createStatement().execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining(message);
    }

    private interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
