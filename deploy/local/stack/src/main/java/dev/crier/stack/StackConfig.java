package dev.crier.stack;

import dev.crier.infra.Ports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack keeps its data, and its ports. Each default can be overridden by an environment variable:
 * CRIER_INGEST_PORT, CRIER_POLICY_PORT, CRIER_PUBLISH_PORT, CRIER_AUDIT_PORT, CRIER_KAFKA_PORT, CRIER_POSTGRES_PORT.
 */
public record StackConfig(Path root, Path dataDir, Map<String, Integer> servicePorts, int kafkaPort, int postgresPort,
                          Map<String, Map<String, String>> serviceEnv) {

    public static final Map<String, Integer> DEFAULT_PORTS = Map.of("ingest", 8081, "policy", 8082, "publish", 8083, "audit", 8084);

    /** The configuration a user gets: default ports unless the environment says otherwise; PostgreSQL picks a free port. */
    public static StackConfig fromEnvironment(Path root, Path dataDir, Map<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : dev.crier.infra.LocalInfra.SERVICES) {
            ports.put(service, port(env, "CRIER_" + service.toUpperCase() + "_PORT", DEFAULT_PORTS.get(service)));
        }
        return new StackConfig(root, dataDir, ports, port(env, "CRIER_KAFKA_PORT", 9092),
                port(env, "CRIER_POSTGRES_PORT", Ports.free()), Map.of());
    }

    /** Every port free and chosen at random: for tests, which must not collide with a stack a developer runs. */
    public static StackConfig onFreePorts(Path root, Path dataDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : dev.crier.infra.LocalInfra.SERVICES) {
            ports.put(service, Ports.free());
        }
        return new StackConfig(root, dataDir, ports, Ports.free(), Ports.free(), Map.of());
    }

    /** The same stack with extra environment variables for one service (tests point a service at stubs this way). */
    public StackConfig withServiceEnv(String service, Map<String, String> env) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(serviceEnv);
        all.put(service, Map.copyOf(env));
        return new StackConfig(root, dataDir, servicePorts, kafkaPort, postgresPort, Map.copyOf(all));
    }

    public Path serviceJar(String service) {
        return root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path tokensDir() {
        return dataDir.resolve("tokens");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
