package dev.crier.infra;

import dev.crier.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process), run from the Apache Kafka jars
 * in a child JVM: {@code kafka.tools.StorageTool format} on first start, then {@code kafka.Kafka}. Its data
 * directory survives a stop, so a restart on the same directory keeps every topic and offset.
 * <p>
 * Clients log in with SASL/SCRAM-SHA-512 on {@link #bootstrapServers()} and may do only what the ACLs allow
 * (StandardAuthorizer, nothing allowed where no ACL says so). The only super user is {@code admin}: the broker
 * itself and the infrastructure that creates topics, users and ACLs. Its SCRAM credential is written into the
 * metadata log when the storage is formatted; the controller listener (where KRaft takes no SCRAM) accepts only
 * the same user with PLAIN and the same random password.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The broker runs as long as the stack and every event passes through it: both compilers (C1 alone leaves its
     * hot paths, CRC checks, request parsing and SCRAM, at a fraction of C2's speed) and SerialGC (no concurrent GC
     * threads on two shared cores; its heap holds requests and metadata, the records live in the page cache).
     * docs/throughput.md.
     */
    private static final List<String> BROKER_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m",
            "-XX:MaxDirectMemorySize=128m");
    /** The storage format tool runs for a second: C1 alone starts it faster. */
    private static final List<String> TOOL_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private final KafkaCredentials credentials;
    private Process process;

    public KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = Ports.free();
        this.logFile = dir.resolve("kafka.log");
        this.credentials = new KafkaCredentials(dir.resolve("credentials.properties"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Where {@link #writeClientFiles} puts a client properties file per principal, named after it. */
    public Path clientsDir() {
        return dir.resolve("clients");
    }

    /** Kafka client configuration (producer, consumer or admin) that logs in as the principal. */
    public Map<String, Object> clientConfig(String principal) {
        Map<String, Object> config = new HashMap<>(credentials.clientSettings(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /**
     * Client configuration of a principal for the broker another process started from {@code dir} (the load
     * benchmark beside a running stack): read from the credentials that broker keeps there.
     */
    public static Map<String, Object> clientConfigOf(Path dir, String bootstrapServers, String principal) {
        Path file = dir.resolve("credentials.properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no Kafka credentials in " + dir + ": is the stack's data folder right?");
        }
        Map<String, Object> config = new HashMap<>(new KafkaCredentials(file).clientSettings(principal));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The Kafka client settings of the principal, as {@code kafka.*} would name them without the prefix. */
    public Map<String, String> clientSettings(String principal) {
        return credentials.clientSettings(principal);
    }

    /** Starts the broker and returns once it answers; formats its storage the first time. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dir);
            boolean formatted = Files.exists(dir.resolve("data/meta.properties"));
            if (formatted && credentials.isNew()) {
                throw new IllegalStateException("the Kafka data in " + dir + " was made before the broker required"
                        + " authentication and has no admin user; start with --fresh (or delete " + dir + ")");
            }
            Path config = writeConfig();
            if (!formatted) {
                run(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId(), "-c", config.toString(),
                        "--add-scram", "SCRAM-SHA-512=[name=" + KafkaAccess.ADMIN + ",password=" + credentials.password(KafkaAccess.ADMIN) + "]"),
                        Duration.ofSeconds(60));
            }
            process = Processes.stoppedOnExit(java(BROKER_JVM_OPTIONS, List.of("kafka.Kafka", config.toString())).start());
            awaitReady();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker failed to start; see " + logFile, e);
        }
    }

    /** Stops the broker (as an outage would) without removing its data; {@link #start()} brings it back. */
    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates the topics that do not exist yet; those of {@link Topics#compacted()} keep each key's latest value. */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1).configs(Topics.compacted().contains(n)
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
    }

    /** The fewest partitions any of the topics has (topics that do not exist count for nothing). */
    public int fewestPartitions(Collection<String> names) {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var present = names.stream().filter(existing::contains).toList();
            return admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToInt(topic -> topic.partitions().size()).min().orElse(Integer.MAX_VALUE);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe the topics", e);
        }
    }

    /** An admin client as the super user: for the infrastructure and tests, never for a service. */
    public Admin admin() {
        return admin(10_000, 15_000);
    }

    private Admin admin(int requestTimeoutMs, int apiTimeoutMs) {
        Map<String, Object> config = clientConfig(KafkaAccess.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs);
        return Admin.create(config);
    }

    /** Gives each principal a SCRAM credential with its kept password (again on each start, which changes nothing). */
    public void ensureUsers(Collection<String> principals) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(principals.stream()
                    .<UserScramCredentialAlteration>map(p -> new UserScramCredentialUpsertion(p,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), credentials.password(p)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka users", e);
        }
        // The controller has them; wait until the broker has applied them too, so a client may log in at once.
        for (String principal : principals) {
            awaitUntil("user " + principal + " can log in", () -> {
                Map<String, Object> config = clientConfig(principal);
                config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
                try (Admin client = Admin.create(config)) {
                    client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return true;
                }
            });
        }
    }

    /** Makes the broker's ACLs exactly {@code wanted}: adds the missing ones, removes any other. */
    public void replaceAcls(Set<AclBinding> wanted) {
        try (Admin admin = admin()) {
            Set<AclBinding> existing = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
            List<AclBinding> missing = wanted.stream().filter(acl -> !existing.contains(acl)).toList();
            List<AclBindingFilter> stale = existing.stream().filter(acl -> !wanted.contains(acl)).map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
            // The broker answers DescribeAcls from its own authorizer: once it shows them, it enforces them.
            awaitUntil("the broker applies the ACLs", () ->
                    Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS)).equals(wanted));
        } catch (Exception e) {
            throw new IllegalStateException("could not set the Kafka ACLs", e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(String what, Check check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            Processes.sleep(200);
        }
        throw new IllegalStateException("timed out waiting until " + what, last);
    }

    /** Writes {@code <clientsDir>/<principal>.properties} for each principal, for Kafka's tools ({@code --command-config}). */
    public void writeClientFiles(Collection<String> principals) {
        try {
            Files.createDirectories(clientsDir());
            for (String principal : principals) {
                StringBuilder file = new StringBuilder("# Kafka client settings of the principal " + principal + "; keep private\n")
                        .append("bootstrap.servers=").append(bootstrapServers()).append('\n');
                credentials.clientSettings(principal).forEach((key, value) -> file.append(key).append('=').append(value).append('\n'));
                PrivateFiles.write(clientsDir().resolve(principal + ".properties"), file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile
                        + LogTail.of(logFile));
            }
            try (Admin admin = admin(2_000, 3_000)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                Processes.sleep(250);
            }
        }
        stop();
        throw new IllegalStateException("Kafka broker not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + logFile);
    }

    private Path writeConfig() throws IOException {
        Path config = dir.resolve("server.properties");
        String admin = KafkaAccess.ADMIN;
        String password = credentials.password(admin);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                // Loopback only, so SASL without TLS: clients (and the broker to itself) with SCRAM, the controller
                // listener with PLAIN and one static user, the admin.
                "listeners=CLIENTS://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENTS://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENTS:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + KafkaCredentials.SASL_MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.SASL_MECHANISM,
                "listener.name.clients.scram-sha-512.sasl.jaas.config="
                        + KafkaCredentials.jaas("org.apache.kafka.common.security.scram.ScramLoginModule", admin, password),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + password + "\" user_" + admin + "=\"" + password + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=" + KafkaAcls.principal(admin),
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                // The services' max.request.size: the largest event (a 1 MiB draft and its findings) fits.
                "message.max.bytes=4194304",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
        PrivateFiles.write(config, props);
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("kafka-server.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=%d %p %c{1} %m%n",
                "logger.kafka.name=kafka.server.KafkaRaftServer",
                "logger.kafka.level=INFO",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private String clusterId() throws IOException {
        Path idFile = dir.resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, org.apache.kafka.common.Uuid.randomUuid().toString());
        }
        return Files.readString(idFile).trim();
    }

    private void run(List<String> args, Duration timeout) throws IOException {
        Process p = java(TOOL_JVM_OPTIONS, args).start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Kafka " + args.get(0) + " failed; see " + logFile + LogTail.of(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder java(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Jvm.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", brokerClasspath()));
        command.addAll(args);
        try {
            // The log shows the command but not the admin's password (StorageTool's --add-scram).
            Files.writeString(logFile, String.join(" ", command).replaceAll("password=[^,\\]]*", "password=***") + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    /** Written by the crier-kafka-broker module at build time. */
    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build deploy/local/kafka-broker first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
