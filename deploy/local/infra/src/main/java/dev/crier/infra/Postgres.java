package dev.crier.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the embedded binaries (io.zonky.test), on loopback. Its data directory is kept
 * between starts, so a restart on the same directory keeps every database.
 */
public final class Postgres implements AutoCloseable {

    private final Path dir;
    private final int port;
    private EmbeddedPostgres server;

    public Postgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public Postgres start() {
        try {
            Files.createDirectories(dir);
            Path log = logFile();
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    // A commit is on disk before it returns, as with PostgreSQL's own default (the embedded
                    // builder turns it off): an audit record or a publish ledger entry is never lost after it.
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start; see " + logFile(), e);
        }
    }

    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection, for set-up and for tests that act as a database administrator would. */
    public Connection superuser(String database) throws SQLException {
        return server.getDatabase("postgres", database).getConnection();
    }

    /** Creates the role and the database it owns, unless they exist. */
    public void ensureDatabase(String name, String password) {
        ensureRole(name, password);
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                s.execute("CREATE DATABASE " + identifier(name) + " OWNER " + identifier(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** Creates a login role, unless it exists. */
    public void ensureRole(String name, String password) {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                s.execute("CREATE ROLE " + identifier(name) + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create role " + name, e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Names here are the services' own constants; refuse anything else rather than quote it. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
