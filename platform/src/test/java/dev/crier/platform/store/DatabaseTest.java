package dev.crier.platform.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @Test
    void aDatabaseAwayOrOverloadedIsAnOutage() {
        assertThat(Database.isOutage(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(Database.isOutage(new SQLException("terminating connection (admin shutdown)", "57P01"))).isTrue();
        assertThat(Database.isOutage(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(Database.isOutage(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Database.isOutage(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        // A pool that timed out waiting for a connection says so without a state.
        assertThat(Database.isOutage(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
    }

    @Test
    void aRefusalOfTheWorkItselfIsNot() {
        assertThat(Database.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Database.isOutage(new SQLException("invalid input syntax for type uuid", "22P02"))).isFalse();
        assertThat(Database.isOutage(new SQLException("permission denied", "42501"))).isFalse();
    }
}
