package dev.crier.stack;

import dev.crier.infra.LocalInfra;
import dev.crier.infra.Ports;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the stack keeps its data, its ports, the partitions of each topic and how many instances of each service
 * it runs. Each default port can be overridden by an environment variable: CRIER_INGEST_PORT, CRIER_POLICY_PORT,
 * CRIER_PUBLISH_PORT, CRIER_AUDIT_PORT, CRIER_KAFKA_PORT, CRIER_POSTGRES_PORT.
 */
public record StackConfig(Path root, Path dataDir, Map<String, Integer> servicePorts, int kafkaPort, int postgresPort,
                          Map<String, Map<String, String>> serviceEnv, int partitions, Map<String, Integer> instances) {

    public static final Map<String, Integer> DEFAULT_PORTS = Map.of("ingest", 8081, "policy", 8082, "publish", 8083, "audit", 8084);

    public StackConfig {
        servicePorts = Map.copyOf(servicePorts);
        serviceEnv = Map.copyOf(serviceEnv);
        instances = Map.copyOf(instances);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
        for (var entry : instances.entrySet()) {
            if (entry.getValue() > partitions) {
                throw new IllegalArgumentException("--instances " + entry.getKey() + "=" + entry.getValue() + " is more than the "
                        + partitions + " partitions of each topic: the extra instances would get no partition to consume"
                        + " (raise --partitions)");
            }
        }
    }

    /** The configuration a user gets: default ports unless the environment says otherwise; PostgreSQL picks a free port. */
    /** The stack's data folder: CRIER_DATA_DIR, else deploy/local/data under the project's root. */
    public static Path dataDir(Path root, Map<String, String> env) {
        String dir = env.get("CRIER_DATA_DIR");
        return dir == null || dir.isBlank() ? root.resolve("deploy/local/data") : Path.of(dir).toAbsolutePath();
    }

    public static StackConfig fromEnvironment(Path root, Path dataDir, Map<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : LocalInfra.SERVICES) {
            ports.put(service, port(env, "CRIER_" + service.toUpperCase(Locale.ROOT) + "_PORT", DEFAULT_PORTS.get(service)));
        }
        return new StackConfig(root, dataDir, ports, port(env, "CRIER_KAFKA_PORT", 9092),
                port(env, "CRIER_POSTGRES_PORT", Ports.free()), Map.of(), LocalInfra.DEFAULT_PARTITIONS, Map.of());
    }

    /** Every port free and chosen at random: for tests, which must not collide with a stack a developer runs. */
    public static StackConfig onFreePorts(Path root, Path dataDir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : LocalInfra.SERVICES) {
            ports.put(service, Ports.free());
        }
        return new StackConfig(root, dataDir, ports, Ports.free(), Ports.free(), Map.of(), LocalInfra.DEFAULT_PARTITIONS, Map.of());
    }

    /** The same stack with extra environment variables for one service (tests point a service at stubs this way). */
    public StackConfig withServiceEnv(String service, Map<String, String> env) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(serviceEnv);
        all.put(service, Map.copyOf(env));
        return new StackConfig(root, dataDir, servicePorts, kafkaPort, postgresPort, all, partitions, instances);
    }

    /** The same stack with this many partitions for each topic it creates. */
    public StackConfig withPartitions(int count) {
        return new StackConfig(root, dataDir, servicePorts, kafkaPort, postgresPort, serviceEnv, count, instances);
    }

    /** The same stack with several instances of the services named (the others run one). */
    public StackConfig withInstances(Map<String, Integer> counts) {
        return new StackConfig(root, dataDir, servicePorts, kafkaPort, postgresPort, serviceEnv, partitions, counts);
    }

    /** How many instances of the service run: they share its database, its Kafka principal and its consumer groups. */
    public int instancesOf(String service) {
        return instances.getOrDefault(service, 1);
    }

    public Path serviceJar(String service) {
        return root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path tokensDir() {
        return dataDir.resolve("tokens");
    }

    /**
     * Parses {@code policy=2,publish=2}: a service name and its number of instances (at least 1), comma-separated,
     * each service at most once; a service not named runs one instance.
     */
    public static Map<String, Integer> parseInstances(String spec) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--instances needs a list such as policy=2,publish=2");
        }
        for (String item : spec.split(",", -1)) {
            String[] parts = item.trim().split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--instances takes <service>=<count>, comma-separated (such as"
                        + " policy=2,publish=2), not '" + item.trim() + "'");
            }
            String service = parts[0].trim().toLowerCase(Locale.ROOT).replaceFirst("-service$", "");
            if (!LocalInfra.SERVICES.contains(service)) {
                throw new IllegalArgumentException("--instances: no service '" + parts[0].trim() + "' (the services are "
                        + String.join(", ", LocalInfra.SERVICES) + ")");
            }
            int count;
            try {
                count = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw new IllegalArgumentException("--instances: the count of " + service + " must be a whole number of"
                        + " at least 1, not '" + parts[1].trim() + "'");
            }
            if (counts.put(service, count) != null) {
                throw new IllegalArgumentException("--instances names " + service + " twice");
            }
        }
        return counts;
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
