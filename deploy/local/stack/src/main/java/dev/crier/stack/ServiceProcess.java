package dev.crier.stack;

import dev.crier.infra.LogTail;
import dev.crier.infra.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One instance of a Crier service as its own JVM, run from its packaged Quarkus application, logging to a file.
 * Instances of one service differ only in their HTTP port and log.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * A long-running service on two cores shared with three other services, the broker and PostgreSQL; the
     * measurements behind each value are in docs/throughput.md. Both compilers: C2 makes hot code several times
     * faster than C1 alone, for a few seconds of compiling once. SerialGC: no concurrent GC threads competing for the
     * two cores and the smallest footprint; its young pauses over 32 MB are a few milliseconds. Outside the heap a
     * service takes about 150 MB (metaspace 64 to 75 MB, code cache 25 to 35 MB, symbols, threads, the JVM itself).
     * The heap is 192 MB: at 112 MB (which would keep a service under 256 MB resident) ingest-service ran out of heap
     * under 200 drafts/s open loop, its backlog of waiting requests growing faster than it answered them, and a
     * service out of heap loses threads it cannot do without (docs/throughput.md). The caps on metaspace, code cache and direct buffers turn a
     * leak into an error rather than a slow swell. The thread stack size stays the default: the policy engine's
     * regular expressions recurse, and a smaller stack would turn drafts that pass today into engine errors.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx192m", "-Xmn32m",
            "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");

    private final String name;
    private final int instance;
    private final int port;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ServiceProcess(String name, int instance, int port, Path jar, Map<String, String> environment, Path log) {
        this.name = name;
        this.instance = instance;
        this.port = port;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** 1 for a service's first instance, 2 for its second... */
    public int instance() {
        return instance;
    }

    /** {@code policy-service}, or {@code policy-service #2} for an instance after the first. */
    public String label() {
        return name + "-service" + (instance == 1 ? "" : " #" + instance);
    }

    /** The operating system's id of the running process; empty when it is not running. */
    public OptionalLong pid() {
        return process == null || !process.isAlive() ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(label() + " is not built: " + jar + " is missing (run ./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // glibc gives each thread that allocates its own malloc arena (64 MB of address space, touched in part):
            // two are plenty for a JVM, whose Java objects are not malloc'd, and keep native memory from creeping up.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(environment);
            process = Processes.stoppedOnExit(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + label(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's last lines if the process dies. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(label() + " exited; see " + log + LogTail.of(log));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Processes.sleep(300);
        }
        throw new IllegalStateException(label() + " not ready after " + timeout.toSeconds() + " s; see " + log + LogTail.of(log));
    }

    /** Stops the service the way Ctrl-C or an orchestrator would (SIGTERM, then a kill after 30 s). */
    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
        process = null;
    }

    /** Ends the service as a crash would: SIGKILL, no shutdown hook, nothing flushed or committed on the way out. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process = null;
        }
    }

}
