package dev.crier.stack;

import dev.crier.infra.LocalInfra;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole of Crier on one machine: the infrastructure, then the four services as separate processes, each
 * waited for until it reports ready. Used by the {@code deploy/local/start} command and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final StackConfig config;
    private final LocalInfra infra;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private LocalStack(StackConfig config, LocalInfra infra) {
        this.config = config;
        this.infra = infra;
    }

    public static LocalStack start(StackConfig config, Consumer<String> progress) {
        for (String service : LocalInfra.SERVICES) {
            if (!java.nio.file.Files.isRegularFile(config.serviceJar(service))) {
                throw new IllegalStateException(service + "-service is not built (" + config.serviceJar(service)
                        + "); run ./mvnw package -DskipTests first");
            }
        }
        LocalInfra infra = LocalInfra.start(config.dataDir().resolve("infra"), config.kafkaPort(), config.postgresPort(), progress);
        LocalStack stack = new LocalStack(config, infra);
        try {
            infra.tokens().writeRoleTokens(config.tokensDir());
            for (String name : LocalInfra.SERVICES) {
                ServiceProcess service = stack.process(name);
                stack.services.put(name, service);
                progress.accept("starting " + name + "-service on port " + config.servicePorts().get(name)
                        + " (log: " + service.log() + ")");
                service.start();
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitReady(READY_TIMEOUT);
                progress.accept(service.name() + "-service ready at " + service.url());
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public LocalInfra infra() {
        return infra;
    }

    public StackConfig config() {
        return config;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** Stops the services, then the broker and the database; their data stays in the data folder. */
    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        infra.close();
    }

    private ServiceProcess process(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        infra.configFor(name).forEach((key, value) -> env.put(envName(key), value));
        env.put("CRIER_" + name.toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(config.servicePorts().get(name)));
        // Files a service keeps (audit-service's checkpoint signing key) go in the stack's data folder, wherever the
        // launcher was started from.
        env.put("CRIER_DATA_DIR", config.dataDir().toAbsolutePath().toString());
        // On one machine the API description is open, so that Swagger UI works in a browser.
        env.put("CRIER_API_DOCS_POLICY", "permit");
        env.putAll(config.serviceEnv().getOrDefault(name, Map.of()));
        return new ServiceProcess(name, config.servicePorts().get(name), config.serviceJar(name), env,
                config.dataDir().resolve("logs/" + name + "-service.log"));
    }

    /** Quarkus reads {@code a.b-c} from the environment variable {@code A_B_C}. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
