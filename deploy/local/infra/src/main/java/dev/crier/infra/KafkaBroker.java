package dev.crier.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process), run from the Apache Kafka jars
 * in a child JVM: {@code kafka.tools.StorageTool format} on first start, then {@code kafka.Kafka}. Its data
 * directory survives a stop, so a restart on the same directory keeps every topic and offset.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private Process process;

    public KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = Ports.free();
        this.logFile = dir.resolve("kafka.log");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the broker and returns once it answers; formats its storage the first time. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dir);
            Path config = writeConfig();
            if (!Files.exists(dir.resolve("data/meta.properties"))) {
                run(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", clusterId(), "-c", config.toString()),
                        Duration.ofSeconds(60));
            }
            process = Processes.stoppedOnExit(java(List.of("kafka.Kafka", config.toString())).start());
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

    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).toList();
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

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile
                        + LogTail.of(logFile));
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
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
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
        Files.writeString(config, props, StandardCharsets.UTF_8);
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
        Process p = java(args).start();
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

    private ProcessBuilder java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Jvm.java(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", brokerClasspath()));
        command.addAll(args);
        try {
            Files.writeString(logFile, String.join(" ", command) + "\n", StandardCharsets.UTF_8,
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
