package dev.crier.platform.store;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * A service's database, one transaction at a time. Failures come out in two kinds, because they are handled in two
 * ways: {@link StoreUnavailableException} when the database could not be reached or gave up on the transaction
 * (try again later: nothing is wrong with the work), {@link StoreRefusedException} when it refused the work itself
 * (a constraint, bad data: trying again will not help).
 */
@ApplicationScoped
public class Database {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work and commits; rolls back and rethrows on any failure. */
    public <R> R inTransaction(Work<R> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
        try (c) {
            c.setAutoCommit(false);
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw isOutage(e) ? new StoreUnavailableException(e) : new StoreRefusedException(e);
        }
    }

    /**
     * True for the SQL states of a database that is away or overloaded rather than refusing the work: connection
     * exceptions (class 08), insufficient resources (53), operator intervention such as a shutdown (57), and a
     * transaction rolled back for a serialization failure or deadlock (40), which succeeds when tried again.
     */
    static boolean isOutage(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("40");
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
