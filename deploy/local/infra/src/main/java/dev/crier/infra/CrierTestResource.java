package dev.crier.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points a {@code @QuarkusTest} at a real Kafka broker and a real PostgreSQL, started once per test JVM in a
 * temporary folder. Use with {@code initArgs = @ResourceArg(name = "service", value = "ingest")}.
 */
public class CrierTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalInfra infra;
    private String service = "ingest";

    /** The shared infrastructure, started on first use. */
    public static synchronized LocalInfra infra() {
        if (infra == null) {
            try {
                Path dir = Files.createTempDirectory("crier-test-");
                infra = LocalInfra.start(dir, Ports.free(), Ports.free(), System.out::println);
                LocalInfra started = infra;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    delete(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return infra;
    }

    /** A token for a role, whose subject is {@code local-<role>}. */
    public static String token(String role) {
        return infra().tokens().issue(role);
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        return infra().configFor(service);
    }

    @Override
    public void stop() {
        // The infrastructure outlives each test class; the shutdown hook stops it with the JVM.
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
