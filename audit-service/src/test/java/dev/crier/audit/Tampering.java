package dev.crier.audit;

import dev.crier.infra.CrierTestResource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What a database superuser can do behind the guards' back: turn the triggers off, change records, turn them on. */
public final class Tampering {

    private Tampering() {
    }

    /** Runs {@code sql} as a superuser with audit_records' guard triggers off, in one transaction. */
    public static void unguarded(String sql) throws SQLException {
        superuser("ALTER TABLE audit_records DISABLE TRIGGER ALL;" + sql + ";"
                + "ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_update_delete;"
                + "ALTER TABLE audit_records ENABLE ALWAYS TRIGGER audit_records_no_truncate");
    }

    public static void superuser(String sql) throws SQLException {
        try (Connection c = CrierTestResource.infra().postgres().superuser("crier_audit");
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(sql);
            c.commit();
        }
    }
}
