package dev.crier.infra;

import dev.crier.events.Topics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The infrastructure of one machine: a Kafka broker with every topic, a PostgreSQL server with one database
 * per service, and the local token issuer. The local stack and the tests both start it through here.
 */
public final class LocalInfra implements AutoCloseable {

    public static final List<String> SERVICES = List.of("ingest", "policy", "publish", "audit");
    /**
     * Partitions per topic unless the caller says otherwise: a consumer group spreads a topic's partitions over its
     * members, so this many lets up to six instances of a service share the work (deploy/local/start --instances).
     */
    public static final int DEFAULT_PARTITIONS = 6;

    private final KafkaBroker kafka;
    private final Postgres postgres;
    private final Tokens tokens;
    private final DecisionKeys decisionKeys;

    private LocalInfra(KafkaBroker kafka, Postgres postgres, Tokens tokens, DecisionKeys decisionKeys) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
        this.decisionKeys = decisionKeys;
    }

    /** {@link #start(Path, int, int, int, Consumer)} with {@link #DEFAULT_PARTITIONS}. */
    public static LocalInfra start(Path dir, int kafkaPort, int postgresPort, Consumer<String> progress) {
        return start(dir, kafkaPort, postgresPort, DEFAULT_PARTITIONS, progress);
    }

    /**
     * Starts everything under {@code dir} (kept between starts), with {@code partitions} partitions for each topic
     * it creates, and reports each step to {@code progress}. A piece that fails throws with the path of its log.
     */
    public static LocalInfra start(Path dir, int kafkaPort, int postgresPort, int partitions, Consumer<String> progress) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + partitions);
        }
        Tokens tokens = Tokens.in(dir.resolve("keys"));
        DecisionKeys decisionKeys = DecisionKeys.in(dir.resolve("keys"));
        progress.accept("starting PostgreSQL on port " + postgresPort + " (log: " + dir.resolve("postgres/postgres.log") + ")");
        Postgres postgres = new Postgres(dir.resolve("postgres"), postgresPort).start();
        try {
            for (String service : SERVICES) {
                postgres.ensureDatabase(database(service), password(database(service)));
                postgres.ensureRole(runtimeRole(service), password(runtimeRole(service)));
            }
            progress.accept("PostgreSQL ready");
            KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"), kafkaPort);
            progress.accept("starting Kafka broker on port " + kafkaPort + " (log: " + kafka.logFile() + ")");
            kafka.start();
            kafka.createTopics(Topics.all(), partitions);
            int fewest = kafka.fewestPartitions(Topics.all());
            if (fewest < partitions) {
                // Adding partitions to a topic moves keys to other partitions, so a post's events could be read out
                // of order: topics made by an earlier start stay as they are.
                progress.accept("topics made by an earlier start keep their " + fewest + " partitions (start with"
                        + " --fresh to have " + partitions + ")");
            }
            kafka.ensureUsers(KafkaAccess.CLIENTS);
            kafka.replaceAcls(KafkaAcls.bindings());
            kafka.writeClientFiles(KafkaAccess.CLIENTS);
            progress.accept("Kafka ready, " + Topics.all().size() + " topics in place, a user and ACLs for each service"
                    + " and for ops-reader (client settings: " + kafka.clientsDir() + ")");
            return new LocalInfra(kafka, postgres, tokens, decisionKeys);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The Kafka principal a service logs in as (a row owner or reader in {@link KafkaAccess}). */
    public static String principal(String service) {
        return service + "-service";
    }

    public static String database(String service) {
        return "crier_" + service;
    }

    /**
     * The role a service connects as: it owns nothing and holds only what the service's migrations grant it (rows
     * read and written; the audit's may only read and append), so the service can change no schema and lift no guard.
     */
    public static String runtimeRole(String service) {
        return database(service) + "_app";
    }

    /** Local only: every role's password is its name. Production passes its own through the environment. */
    private static String password(String role) {
        return role;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Postgres postgres() {
        return postgres;
    }

    public Tokens tokens() {
        return tokens;
    }

    public DecisionKeys decisionKeys() {
        return decisionKeys;
    }

    /** The property names {@link #configFor} sets, which any other deployment (docker-compose) must set too. */
    public static final List<String> SERVICE_CONFIG_KEYS = List.of("kafka.bootstrap.servers",
            "kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config",
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.flyway.username", "quarkus.flyway.password", "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.issuer", "mp.jwt.verify.audiences");

    /** The configuration a service needs to reach this infrastructure, as Quarkus property names. */
    public Map<String, String> configFor(String service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // Every channel, dead-letter producer and health check reads kafka.*: the service logs in as itself.
        kafka.clientSettings(principal(service)).forEach((key, value) -> config.put("kafka." + key, value));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database(service)));
        // Migrations run as the database's owner; the service itself connects as its runtime role.
        config.put("quarkus.datasource.username", runtimeRole(service));
        config.put("quarkus.datasource.password", password(runtimeRole(service)));
        config.put("quarkus.flyway.username", database(service));
        config.put("quarkus.flyway.password", password(database(service)));
        config.put("mp.jwt.verify.publickey.location", tokens.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
        config.put("mp.jwt.verify.audiences", Tokens.AUDIENCE);
        // Only policy signs decisions; publish refuses and audit flags any not signed by a trusted key.
        if (service.equals("policy")) {
            config.put("crier.decisions.signing-key-file", decisionKeys.signingKeyFile().toString());
            config.put("crier.decisions.signing-key-id", decisionKeys.keyId());
        } else if (service.equals("publish") || service.equals("audit")) {
            config.put("crier.decisions.trusted-keys-dir", decisionKeys.trustedKeysDir().toString());
        }
        return config;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
