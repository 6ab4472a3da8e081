package dev.crier.stack;

import dev.crier.infra.KafkaAccess;
import dev.crier.infra.LocalInfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code deploy/local/start [--fresh] [--instances policy=2,...] [--partitions N]}: starts the stack, prints how to
 * use it, and stops it on Ctrl-C.
 */
public final class LocalStackMain {

    static final String USAGE = """
            Usage: deploy/local/start [--fresh] [--instances <service>=<n>,...] [--partitions <n>]
              --fresh        delete the stack's data (drafts, decisions, audit, keys) and start empty
              --instances    run several instances of services, e.g. --instances policy=2,publish=2 (services:
                             ingest, policy, publish, audit); instances of a service share its database and
                             consumer groups, the first listens on the service's port, the others on free ports
              --partitions   partitions of each topic the stack creates (default %d; topics made by an earlier
                             start keep theirs: use --fresh); a service can have at most this many instances
            Ports: CRIER_INGEST_PORT (8081), CRIER_POLICY_PORT (8082), CRIER_PUBLISH_PORT (8083),
                   CRIER_AUDIT_PORT (8084), CRIER_KAFKA_PORT (9092), CRIER_POSTGRES_PORT (a free port)
            Data:  CRIER_DATA_DIR (deploy/local/data)""".formatted(LocalInfra.DEFAULT_PARTITIONS);

    /** The command line, checked: a wrong option or value is refused with a message that names it. */
    record Options(boolean help, boolean fresh, Map<String, Integer> instances, int partitions) {

        static Options parse(List<String> args) {
            boolean help = false;
            boolean fresh = false;
            Map<String, Integer> instances = Map.of();
            int partitions = LocalInfra.DEFAULT_PARTITIONS;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                switch (name) {
                    case "--help", "-h" -> help = true;
                    case "--fresh" -> fresh = true;
                    case "--instances" -> {
                        String value = arg.equals(name) ? valueAfter(args, i++, name) : arg.substring(name.length() + 1);
                        instances = StackConfig.parseInstances(value);
                    }
                    case "--partitions" -> {
                        String value = arg.equals(name) ? valueAfter(args, i++, name) : arg.substring(name.length() + 1);
                        try {
                            partitions = Integer.parseInt(value.trim());
                        } catch (NumberFormatException e) {
                            partitions = 0;
                        }
                        if (partitions < 1) {
                            throw new IllegalArgumentException("--partitions must be a whole number of at least 1, not '" + value + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            return new Options(help, fresh, instances, partitions);
        }

        private static String valueAfter(List<String> args, int i, String option) {
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i + 1);
        }
    }

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("[crier] " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("crier.root", ".")).toAbsolutePath().normalize();
        Path data = StackConfig.dataDir(root, System.getenv());
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(root, data, System.getenv()).withPartitions(options.partitions())
                    .withInstances(options.instances());
        } catch (IllegalArgumentException e) {
            System.err.println("[crier] " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.fresh()) {
            say("--fresh: deleting " + data);
            delete(data);
        } else if (Files.isDirectory(data)) {
            say("keeping the data in " + data + " (start with --fresh to begin empty)");
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(config, LocalStackMain::say);
        } catch (RuntimeException e) {
            System.err.println("\n[crier] FAILED: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping...");
            stack.close();
            say("stopped; data kept in " + data);
            stopped.countDown();
        }));
        System.out.println(welcome(stack));
        stopped.await();
    }

    static String welcome(LocalStack stack) {
        StackConfig c = stack.config();
        String ingest = stack.service("ingest").url();
        String tokens = shown(c, c.tokensDir());
        String kafka = stack.infra().kafka().bootstrapServers();
        Path clients = stack.infra().kafka().clientsDir();
        return """

                Crier is running. Press Ctrl-C to stop (data is kept; --fresh starts empty).

                  ingest   %s   (Swagger UI: %s/q/swagger-ui)
                  policy   %s
                  publish  %s   (sandbox platform: %s/v1/sandbox/posts)
                  audit    %s
                %s  Kafka    %s   (SASL/SCRAM; a client settings file per principal in %s/)
                  PostgreSQL 127.0.0.1:%d (databases crier_ingest, crier_policy, crier_publish, crier_audit)
                  logs     %s

                Role tokens, one file per role (submitter, reviewer, comms-head, auditor, ops): %s/

                Watch a topic as ops-reader (reads every topic, writes none; its consumer groups start with ops-):
                  kafka-console-consumer.sh --bootstrap-server %s --consumer.config %s \\
                    --topic posts.approved --group ops-$USER --from-beginning

                Try it:
                  curl -s -X POST %s/v1/drafts \\
                    -H "Authorization: Bearer $(cat %s/submitter.jwt)" -H 'Content-Type: application/json' \\
                    -d '{"text":"Flu clinics open Monday.","translations":{"fr":"Les cliniques ouvrent lundi."},"platforms":["sandbox"],"author":{"id":"u-1","department":"HC"}}'
                  # then, with the id it answers:
                  curl -s %s/v1/drafts/<id> -H "Authorization: Bearer $(cat %s/submitter.jwt)"
                  curl -s %s/v1/audit/posts/<id> -H "Authorization: Bearer $(cat %s/auditor.jwt)"
                """.formatted(ingest, ingest, stack.service("policy").url(), stack.service("publish").url(),
                stack.service("publish").url(), stack.service("audit").url(), moreInstances(stack), kafka, shown(c, clients),
                stack.infra().postgres().port(), shown(c, c.dataDir().resolve("logs")), tokens,
                kafka, shown(c, clients.resolve(KafkaAccess.OPS_READER + ".properties")),
                ingest, tokens, ingest, tokens, stack.service("audit").url(), tokens);
    }

    /** A line per instance after the first, or nothing. */
    private static String moreInstances(LocalStack stack) {
        StringBuilder lines = new StringBuilder();
        stack.services().stream().filter(s -> s.instance() > 1).forEach(s -> lines.append("  ")
                .append(s.label()).append(" ").append(s.url()).append("   (log: ").append(s.log().getFileName()).append(")\n"));
        return lines.toString();
    }

    /** A path as the user should type it from the project folder. */
    private static String shown(StackConfig c, Path path) {
        return path.startsWith(c.root()) ? c.root().relativize(path).toString() : path.toString();
    }

    private static void say(String line) {
        System.out.println("[crier] " + line);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
