package dev.crier.stack;

import dev.crier.infra.LocalInfra;
import dev.crier.infra.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each service connects as a role that owns nothing (its migrations grant it rows to read and write; the audit's
 * only to read and append): with every service up and migrated, none of those roles can change its schema.
 */
class RuntimeRolesEndToEndTest {

    @Test
    void everyServiceConnectsAsARoleThatOwnsNothingAndCannotDropATable() throws SQLException {
        LocalStack stack = SharedStack.get();
        Postgres postgres = stack.infra().postgres();
        for (String service : LocalInfra.SERVICES) {
            String role = LocalInfra.runtimeRole(service);
            assertThat(role).isNotEqualTo(LocalInfra.database(service));
            assertThat(stack.infra().configFor(service)).containsEntry("quarkus.datasource.username", role);
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(LocalInfra.database(service)), role, role);
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        + "AND tablename <> 'flyway_schema_history' "
                        + "AND has_table_privilege(quote_ident(schemaname) || '.' || quote_ident(tablename), 'SELECT') "
                        + "ORDER BY tablename")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertThat(tables).as("%s's tables that %s may read", service, role).isNotEmpty();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tableowner = current_user")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("tables %s owns", role).isZero();
                }
                String table = tables.get(0);
                assertThatThrownBy(() -> s.execute("DROP TABLE " + table))
                        .hasMessageContaining("must be owner of table " + table);
                assertThatThrownBy(() -> s.execute("UPDATE flyway_schema_history SET success = false"))
                        .hasMessageContaining("permission denied");
            }
        }
    }
}
