package dev.crier.stack;

import dev.crier.infra.LocalInfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One local stack, with the default configuration, for every end-to-end class that needs nothing special: started
 * on first use and stopped with the test JVM, so the classes do not pay for a stack each. A class that stops a part
 * of it starts it again before it ends.
 */
final class SharedStack {

    private static LocalStack stack;
    private static Path data;
    private static TraceCollector traces;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                data = Files.createTempDirectory("crier-e2e-");
                StackConfig config = StackConfig.onFreePorts(root(), data);
                traces = TraceCollector.start();
                // Metric gauges refreshed every 2 s rather than 15, so that the metric tests do not wait for them;
                // spans exported over OTLP/HTTP to the tests' collector, a batch every 200 ms.
                // The sandbox accounts' credentials "expire" in 30 days, so that their expiry metric is exported.
                for (String service : LocalInfra.SERVICES) {
                    Map<String, String> env = new HashMap<>(Map.of("CRIER_METRICS_REFRESH", "2s",
                            "CRIER_OTLP_ENDPOINT", traces.endpoint(),
                            "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                            "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
                    if (service.equals("publish")) {
                        env.put("CRIER_CREDENTIALS_SANDBOX_EXPIRES_AT", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
                    }
                    config = config.withServiceEnv(service, env);
                }
                stack = LocalStack.start(config, line -> System.out.println("[e2e] " + line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return stack;
    }

    /** The OTLP endpoint every service of the stack sends its spans to. */
    static synchronized TraceCollector traces() {
        get();
        return traces;
    }

    /** The stack's data folder. */
    static synchronized Path data() {
        get();
        return data;
    }

    /** The repository's root, where the services' jars are built. */
    static Path root() {
        return Path.of(System.getProperty("crier.root", "../../..")).toAbsolutePath().normalize();
    }
}
