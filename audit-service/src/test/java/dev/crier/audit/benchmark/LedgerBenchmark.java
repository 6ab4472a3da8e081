package dev.crier.audit.benchmark;

import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.merkle.TreeState;
import dev.crier.audit.store.LedgerWriter;
import dev.crier.audit.store.TreeStore;
import dev.crier.audit.verify.LogVerifier;
import dev.crier.infra.Ports;
import dev.crier.infra.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A harness, not a test: appends records (masking, hashing, tree maintenance, query columns, batched inserts) into
 * a fresh embedded PostgreSQL, then verifies the whole log as the verify command does (every leaf rehashed, the tree
 * rebuilt, the root compared). Skipped unless asked for; the README gives the command and the last figures.
 * {@code -Dbenchmark.records} (default 1,000,000) and {@code -Dbenchmark.batch} (default 5,000, the most the
 * service's consumer takes in one poll) tune it.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LedgerBenchmark {

    @Test
    void appendThenVerify() throws Exception {
        int records = Integer.getInteger("benchmark.records", 1_000_000);
        int batch = Integer.getInteger("benchmark.batch", 5_000);
        Path dir = Files.createTempDirectory("audit-bench");
        try (Postgres postgres = new Postgres(dir, Ports.free()).start()) {
            postgres.ensureDatabase("crier_bench", "bench");
            // As the service: migrations as the owner, appends as the role that may only read and append.
            postgres.ensureRole("crier_bench_app", "bench");
            String url = postgres.jdbcUrl("crier_bench");
            Flyway.configure().dataSource(url, "crier_bench", "bench")
                    .placeholders(Map.of("appRole", "crier_bench_app")).load().migrate();
            // The input is made before the clock starts: the harness times the ledger, not its own event maker.
            List<List<ReceivedEvent>> batches = new ArrayList<>();
            for (int done = 0; done < records; done += batch) {
                List<ReceivedEvent> events = new ArrayList<>(batch);
                for (int i = 0; i < batch && done + i < records; i++) {
                    events.add(event(done + i));
                }
                batches.add(events);
            }
            try (Connection c = DriverManager.getConnection(url, "crier_bench_app", "bench")) {
                c.setAutoCommit(false);
                long backend = backendPid(c);
                long backendTicks = cpuTicks(backend);
                long javaNanos = javaCpuNanos();
                long start = System.nanoTime();
                for (List<ReceivedEvent> events : batches) {
                    LedgerWriter.append(c, events);
                    c.commit();
                }
                double appendSeconds = (System.nanoTime() - start) / 1e9;
                double backendMicros = (cpuTicks(backend) - backendTicks) * 1e6 / CLOCK_TICKS / records;
                double javaMicros = (javaCpuNanos() - javaNanos) / 1e3 / records;
                batches.clear();
                TreeState head = TreeStore.head(c);
                c.commit();

                start = System.nanoTime();
                LogVerifier verifier = new LogVerifier(null);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT idx, payload, leaf_hash FROM audit_records ORDER BY idx")) {
                    ps.setFetchSize(5_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            verifier.record(rs.getLong(1), rs.getBytes(2), rs.getBytes(3));
                        }
                    }
                }
                LogVerifier.Report report = verifier.finish(new Checkpoint("bench", head.size(), head.rootHash()));
                double verifySeconds = (System.nanoTime() - start) / 1e9;
                c.commit();
                System.out.printf("%nLOAD    system load average %.1f at the end (%d cores)%n",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
                System.out.printf("APPEND  %,d records in %.1f s = %,.0f records/s (batches of %,d)%n", records,
                        appendSeconds, records / appendSeconds, batch);
                System.out.printf("CPU     %.1f µs a record in the PostgreSQL backend, %.1f µs in this JVM (all threads)%n",
                        backendMicros, javaMicros);
                System.out.printf("VERIFY  %,d records in %.1f s = %,.0f records/s, sound: %s%n%n", report.records(),
                        verifySeconds, report.records() / verifySeconds, report.ok());
            }
        }
    }

    /** The kernel's clock ticks a second, in which /proc reports a process's CPU time (USER_HZ, 100 on Linux). */
    private static final int CLOCK_TICKS = 100;

    private static long backendPid(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** User and system CPU time of a local process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long javaCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A drafts.submitted-sized event (about 600 bytes), every tenth with a SIN to mask. */
    private static ReceivedEvent event(int n) {
        UUID post = UUID.randomUUID();
        String text = n % 10 == 0 ? "Reach the clinic, SIN 130 692 544 on file." : "Flu clinics open Monday " + n + ".";
        String json = "{\"postId\":\"" + post + "\",\"draft\":{\"text\":\"" + text + "\",\"language\":\"en\","
                + "\"translations\":{\"fr\":\"Les cliniques de vaccination ouvrent lundi, venez nombreux.\"},"
                + "\"platforms\":[\"sandbox\",\"mastodon\"],\"media\":[],\"author\":{\"id\":\"u-" + (n % 50)
                + "\",\"name\":\"Pat\",\"department\":\"HC\"},\"category\":\"health\",\"publishAt\":null,"
                + "\"repostOf\":null,\"externalId\":\"cms-" + n + "\"},\"submittedBy\":\"local-submitter\","
                + "\"submittedAt\":\"2030-01-01T09:00:00Z\"}";
        return new ReceivedEvent(UUID.randomUUID().toString(), "dev.crier.draft.submitted", "drafts.submitted",
                post.toString(), post, "/bench", Instant.parse("2030-01-01T09:00:00Z"),
                json.getBytes(StandardCharsets.UTF_8));
    }
}
