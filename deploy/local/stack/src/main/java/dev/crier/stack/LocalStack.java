package dev.crier.stack;

import dev.crier.infra.LocalInfra;
import dev.crier.infra.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole of Crier on one machine: the infrastructure, then the four services as separate processes (one or more
 * instances each), each waited for until it reports ready. Used by the {@code deploy/local/start} command and by the
 * end-to-end tests. While it runs, {@code <data>/stack.properties} says where everything is (the load benchmark
 * reads it).
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StackConfig config;
    private final LocalInfra infra;
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();

    private LocalStack(StackConfig config, LocalInfra infra) {
        this.config = config;
        this.infra = infra;
    }

    public static LocalStack start(StackConfig config, Consumer<String> progress) {
        for (String service : LocalInfra.SERVICES) {
            if (!Files.isRegularFile(config.serviceJar(service))) {
                throw new IllegalStateException(service + "-service is not built (" + config.serviceJar(service)
                        + "); run ./mvnw package -DskipTests first");
            }
        }
        LocalInfra infra = LocalInfra.start(config.dataDir().resolve("infra"), config.kafkaPort(), config.postgresPort(),
                config.partitions(), progress);
        LocalStack stack = new LocalStack(config, infra);
        try {
            infra.tokens().writeRoleTokens(config.tokensDir());
            for (String name : LocalInfra.SERVICES) {
                Map<String, String> env = stack.environment(name);
                List<ServiceProcess> instances = new ArrayList<>();
                for (int i = 1; i <= config.instancesOf(name); i++) {
                    ServiceProcess service = stack.process(name, i, env);
                    instances.add(service);
                    progress.accept("starting " + service.label() + " on port " + service.url().replaceFirst(".*:", "")
                            + " (log: " + service.log() + ")");
                    service.start();
                }
                stack.services.put(name, instances);
            }
            for (ServiceProcess service : stack.services()) {
                service.awaitReady(READY_TIMEOUT);
                progress.accept(service.label() + " ready at " + service.url());
            }
            stack.writeAddresses();
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

    /** The service's first instance. */
    public ServiceProcess service(String name) {
        return services.get(name).get(0);
    }

    /** Every instance of the service, the first first. */
    public List<ServiceProcess> instances(String name) {
        return List.copyOf(services.get(name));
    }

    public List<ServiceProcess> services() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /** Where {@link #start} writes the services' addresses and the broker's, for tools that run beside the stack. */
    public static Path addressesFile(Path dataDir) {
        return dataDir.resolve("stack.properties");
    }

    /** Stops the services, then the broker and the database; their data stays in the data folder. */
    @Override
    public void close() {
        services().forEach(ServiceProcess::stop);
        try {
            Files.deleteIfExists(addressesFile(config.dataDir()));
        } catch (IOException e) {
            // a stale file names ports nothing listens on; the next start overwrites it
        }
        infra.close();
    }

    /** The environment every instance of the service gets: the same database, principal and consumer groups. */
    private Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        infra.configFor(name).forEach((key, value) -> env.put(envName(key), value));
        // Files a service keeps (audit-service's checkpoint signing key) go in the stack's data folder, wherever the
        // launcher was started from.
        env.put("CRIER_DATA_DIR", config.dataDir().toAbsolutePath().toString());
        // On one machine the API description is open, so that Swagger UI works in a browser.
        env.put("CRIER_API_DOCS_POLICY", "permit");
        // Instances that serve one console must check each other's CSRF tokens: one key per service and start.
        byte[] csrfKey = new byte[32];
        RANDOM.nextBytes(csrfKey);
        env.put("CRIER_CONSOLE_CSRF_KEY", Base64.getEncoder().encodeToString(csrfKey));
        env.putAll(config.serviceEnv().getOrDefault(name, Map.of()));
        return env;
    }

    /** The first instance listens on the service's configured port, the others on free ports. */
    private ServiceProcess process(String name, int instance, Map<String, String> serviceEnv) {
        int port = instance == 1 ? config.servicePorts().get(name) : Ports.free();
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        env.put("CRIER_" + name.toUpperCase(Locale.ROOT) + "_PORT", Integer.toString(port));
        String log = name + "-service" + (instance == 1 ? "" : "-" + instance) + ".log";
        return new ServiceProcess(name, instance, port, config.serviceJar(name), env, config.dataDir().resolve("logs/" + log));
    }

    /** {@code <service>.urls} (comma-separated, one per instance) and {@code kafka.bootstrap.servers}. */
    private void writeAddresses() {
        StringBuilder file = new StringBuilder("# Where the running local stack listens; removed when it stops.\n");
        services.forEach((name, instances) -> file.append(name).append(".urls=")
                .append(instances.stream().map(ServiceProcess::url).collect(Collectors.joining(","))).append('\n'));
        file.append("kafka.bootstrap.servers=").append(infra.kafka().bootstrapServers()).append('\n');
        try {
            Files.writeString(addressesFile(config.dataDir()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quarkus reads {@code a.b-c} from the environment variable {@code A_B_C}. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
