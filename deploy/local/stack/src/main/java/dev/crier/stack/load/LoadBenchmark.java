package dev.crier.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.Tokens;
import dev.crier.stack.LocalStack;
import dev.crier.stack.StackConfig;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * {@code deploy/local/load --rate 200 --duration 60s}: the load benchmark, against the local stack that is running
 * on the same data folder. It submits approved drafts at a fixed rate (open loop), follows each through
 * posts.decided, posts.published and the audit, prints progress every five seconds, then latency per stage (p50,
 * p95, p99, max), checks that every accepted draft was decided, published exactly once (on the topic and on the
 * sandbox platform) and audited exactly once, and measures the raw producer rate of the same broker. Exit 0 when
 * every check holds, 1 when one fails, 2 when the benchmark could not run.
 */
public final class LoadBenchmark {

    static final String USAGE = """
            Usage: deploy/local/load [--rate <posts/s>] [--duration <time>] [--drain <time>] [--raw <time>]
              --rate      drafts submitted per second, open loop (default 100)
              --duration  how long to submit (default 60s; 90s, 2m...)
              --drain     after the last draft, how long to wait for every draft to be published and audited
                          (default 300s); what is not done by then fails the checks
              --raw       how long to measure the raw Kafka producer rate after the run (default 10s; 0s skips it)
            Runs against the local stack on CRIER_DATA_DIR (deploy/local/data), which must be running
            (deploy/local/start, with --instances if you want several).""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROGRESS = Duration.ofSeconds(5);

    record Options(int rate, Duration duration, Duration drain, Duration raw) {

        static Options parse(List<String> args) {
            int rate = 100;
            Duration duration = Duration.ofSeconds(60);
            Duration drain = Duration.ofSeconds(300);
            Duration raw = Duration.ofSeconds(10);
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--help") || option.equals("-h")) {
                    return null;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--rate" -> rate = positive(option, value);
                    case "--duration" -> duration = duration(option, value, false);
                    case "--drain" -> drain = duration(option, value, true);
                    case "--raw" -> raw = duration(option, value, true);
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            return new Options(rate, duration, drain, raw);
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " must be a whole number of at least 1, not '" + value + "'");
        }

        /** {@code 60s}, {@code 2m}, or a number of seconds. */
        static Duration duration(String option, String value, boolean zeroAllowed) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                long n = Long.parseLong(v.replaceFirst("[sm]$", ""));
                Duration d = v.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
                if (n > 0 || (n == 0 && zeroAllowed)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " takes a time such as 60s or 2m" + (zeroAllowed ? " (or 0s)" : "")
                    + ", not '" + value + "'");
        }
    }

    private LoadBenchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("[load] " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("crier.root", ".")).toAbsolutePath().normalize();
        Path data = StackConfig.dataDir(root, System.getenv());
        int exit;
        try {
            exit = run(options, data);
        } catch (Exception e) {
            System.err.println("[load] could not run: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    static int run(Options options, Path data) throws Exception {
        Properties stack = addresses(data);
        List<URI> ingest = urls(stack, "ingest");
        URI policy = urls(stack, "policy").get(0);
        URI publish = urls(stack, "publish").get(0);
        URI audit = urls(stack, "audit").get(0);
        Tokens tokens = Tokens.in(data.resolve("infra/keys"));
        String submitter = tokens.issue("submitter");
        Properties opsReader = properties(data.resolve("infra/kafka/clients/" + KafkaAccess.OPS_READER + ".properties"));
        Map<String, Object> admin = KafkaBroker.clientConfigOf(data.resolve("infra/kafka"),
                opsReader.getProperty("bootstrap.servers"), KafkaAccess.ADMIN);

        say("stack on " + data + ": ingest " + ingest.size() + " instance(s), policy " + urls(stack, "policy").size()
                + ", publish " + urls(stack, "publish").size() + ", audit " + urls(stack, "audit").size()
                + "; Kafka " + opsReader.getProperty("bootstrap.servers"));
        checkDraftsApproved(policy, submitter);
        long perAccount = Math.round(options.rate() / (double) Drafts.DEPARTMENTS.size());
        if (perAccount * 60 > 6000) {
            say("note: " + perAccount + " posts/s per sandbox account is above its default quota (6000/1m); start the"
                    + " stack with CRIER_PUBLISH_RATE_SANDBOX=60000/1m to measure the pipeline rather than the quota");
        }

        Tracker tracker = new Tracker();
        Submitter submitting = new Submitter(ingest, submitter, tracker);
        Instant started = Instant.now();
        String loadAtStart = loadAverage();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        try (TopicWatcher topics = new TopicWatcher(opsReader, tracker);
             AuditWatcher ledger = new AuditWatcher(audit, tokens.issue("auditor"), tracker)) {
            topics.start();
            ledger.start();
            progress.scheduleAtFixedRate(() -> say(progressLine(started, submitting, tracker, ledger)),
                    PROGRESS.toMillis(), PROGRESS.toMillis(), TimeUnit.MILLISECONDS);
            say("submitting " + options.rate() + " drafts/s for " + options.duration().toSeconds() + " s ("
                    + options.rate() * options.duration().toSeconds() + " drafts), open loop");
            submitting.run(options.rate(), options.duration());
            submitting.awaitAnswers(Duration.ofSeconds(30));
            say("all drafts sent; waiting up to " + options.drain().toSeconds() + " s for each to be published and audited");
            long drainEnd = System.nanoTime() + options.drain().toNanos();
            while (System.nanoTime() < drainEnd && !done(tracker)) {
                Thread.sleep(250);
            }
        } finally {
            progress.shutdownNow();
        }
        say(progressLine(started, submitting, tracker, null));

        List<Tracker.Post> accepted = tracker.accepted();
        Map<String, Integer> sandbox = sandboxCounts(publish, tokens.issue("ops"), tracker.acceptedIds());
        double raw = 0;
        if (!options.raw().isZero()) {
            say("measuring the raw producer rate of the same broker for " + options.raw().toSeconds() + " s (1 KB records, acks=all)");
            raw = RawProducer.measure(admin, options.raw());
        }
        return report(options, started, loadAtStart, submitting, accepted, sandbox, raw);
    }

    private static boolean done(Tracker tracker) {
        return tracker.accepted().stream().allMatch(p -> p.published() && p.audited());
    }

    private static String progressLine(Instant started, Submitter submitting, Tracker tracker, AuditWatcher ledger) {
        List<Tracker.Post> accepted = tracker.accepted();
        String line = "%4d s  sent %d, accepted %d, refused %d | decided %d, published %d, audited %d".formatted(
                Duration.between(started, Instant.now()).toSeconds(), submitting.sent(), submitting.accepted(),
                submitting.refusals().values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum(),
                Tracker.count(accepted, Tracker.Post::decided), Tracker.count(accepted, Tracker.Post::published),
                Tracker.count(accepted, Tracker.Post::audited));
        return ledger != null && ledger.failure() != null ? line + " (audit: " + ledger.failure() + ")" : line;
    }

    /** Every draft the benchmark sends must be one the policy in force approves: else it measures review queues. */
    private static void checkDraftsApproved(URI policy, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int n = 0; n < Drafts.TEMPLATES.size() * Drafts.DEPARTMENTS.size(); n++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(policy.resolve("/v1/policy/evaluate"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Drafts.body(n))).build(), HttpResponse.BodyHandlers.ofString());
            String decision = response.statusCode() == 200 ? JSON.readTree(response.body()).path("decision").asText() : "HTTP " + response.statusCode();
            if (!decision.equals("APPROVED")) {
                throw new IllegalStateException("the policy in force does not approve the benchmark's draft " + n + " ("
                        + decision + "): " + response.body());
            }
        }
        say("the policy in force approves each of the " + Drafts.TEMPLATES.size() * Drafts.DEPARTMENTS.size()
                + " kinds of draft the benchmark sends");
    }

    /** How many posts the sandbox platform holds for each draft (asked 16 at a time). */
    private static Map<String, Integer> sandboxCounts(URI publish, String token, List<String> ids) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(16);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String id : ids) {
            slots.acquireUninterruptibly();
            calls.add(http.sendAsync(HttpRequest.newBuilder(publish.resolve("/v1/sandbox/posts?postId=" + id))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        slots.release();
                        try {
                            counts.put(id, error == null && response.statusCode() == 200 ? JSON.readTree(response.body()).size() : -1);
                        } catch (IOException e) {
                            counts.put(id, -1);
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return counts;
    }

    private static int report(Options options, Instant started, String loadAtStart, Submitter submitting,
                              List<Tracker.Post> accepted, Map<String, Integer> sandbox, double raw) {
        System.out.println();
        System.out.printf("Crier load benchmark, %s: %d drafts/s for %d s, open loop%n", started, options.rate(),
                options.duration().toSeconds());
        System.out.printf("machine: %d cores, load average (1 min) %s at the start, %s at the end%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage());
        System.out.printf("sent %d, accepted (202) %d, refused %s%n", submitting.sent(), submitting.accepted(),
                submitting.refusals().isEmpty() ? "none" : submitting.refusals());
        System.out.println();
        System.out.printf("%-28s %7s %9s %9s %9s %9s%n", "latency (ms, from when due)", "count", "p50", "p95", "p99", "max");
        row("202 accepted", accepted, p -> p.acceptedAt);
        row("submit -> posts.decided", accepted, p -> p.decidedAt);
        row("submit -> posts.published", accepted, p -> p.publishedAt);
        row("submit -> audited", accepted, p -> p.audited() ? p.auditedAt : 0);

        long first = accepted.stream().mapToLong(p -> p.submittedAt).min().orElse(0);
        long lastPublished = accepted.stream().mapToLong(p -> p.publishedAt).max().orElse(0);
        double pipeline = lastPublished > first ? Tracker.count(accepted, Tracker.Post::published) * 1000.0 / (lastPublished - first) : 0;
        System.out.println();
        System.out.printf("pipeline: %.1f drafts/s published (from the first draft due to the last published), offered %d/s%n",
                pipeline, options.rate());
        if (raw > 0) {
            System.out.printf("raw Kafka producer, same broker: %.0f records/s (1 KB, acks=all); pipeline/raw = %.5f (1 : %.0f)%n",
                    raw, pipeline / raw, pipeline > 0 ? raw / pipeline : 0);
        }

        List<String> failures = new ArrayList<>();
        check(failures, accepted, "decided once, APPROVED", Tracker.Post::approvedOnce);
        check(failures, accepted, "published exactly once on posts.published", Tracker.Post::publishedOnce);
        long resent = accepted.stream().filter(p -> p.publishedRecords > p.publishedEvents.size()).count();
        if (resent > 0) {
            System.out.printf("note: for %d drafts posts.published carries the same event twice (sent again; its readers"
                    + " drop the repeat)%n", resent);
        }
        long onSandboxOnce = sandbox.values().stream().filter(n -> n == 1).count();
        if (onSandboxOnce != accepted.size()) {
            failures.add((accepted.size() - onSandboxOnce) + " of " + accepted.size() + " accepted drafts are not exactly once on"
                    + " the sandbox platform (counts seen: " + histogram(sandbox.values()) + ")");
        }
        check(failures, accepted, "audited exactly once (" + String.join(", ", Tracker.AUDITED_TYPES) + ")", Tracker.Post::auditedOnce);
        if (submitting.accepted() != submitting.sent()) {
            System.out.printf("note: %d drafts were not accepted (%s); the checks cover the accepted ones%n",
                    submitting.sent() - submitting.accepted(), submitting.refusals());
        }
        System.out.println();
        if (failures.isEmpty()) {
            System.out.printf("CHECKS PASSED: each of the %d accepted drafts was decided, published exactly once (topic and"
                    + " sandbox) and audited exactly once%n", accepted.size());
            return 0;
        }
        System.out.println("CHECKS FAILED:");
        failures.forEach(f -> System.out.println("  " + f));
        return 1;
    }

    private static void check(List<String> failures, List<Tracker.Post> accepted, String what,
                              java.util.function.Predicate<Tracker.Post> holds) {
        List<Tracker.Post> bad = accepted.stream().filter(holds.negate()).toList();
        if (!bad.isEmpty()) {
            failures.add(bad.size() + " of " + accepted.size() + " accepted drafts not " + what + "; for instance "
                    + bad.stream().limit(3).map(Tracker.Post::seen).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    private static String histogram(java.util.Collection<Integer> values) {
        Map<Integer, Long> byCount = new java.util.TreeMap<>();
        values.forEach(v -> byCount.merge(v, 1L, Long::sum));
        return byCount.toString();
    }

    private static void row(String stage, List<Tracker.Post> posts, ToLongFunction<Tracker.Post> at) {
        Histogram h = new Histogram(3);
        for (Tracker.Post p : posts) {
            long t = at.applyAsLong(p);
            if (t > 0) {
                h.recordValue(Math.max(0, t - p.submittedAt));
            }
        }
        if (h.getTotalCount() == 0) {
            System.out.printf("%-28s %7d %9s %9s %9s %9s%n", stage, 0, "-", "-", "-", "-");
            return;
        }
        System.out.printf("%-28s %7d %9d %9d %9d %9d%n", stage, h.getTotalCount(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static Properties addresses(Path data) {
        Path file = LocalStack.addressesFile(data);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no running local stack on " + data + " (" + file + " is missing): start it"
                    + " with deploy/local/start, and give this command the same CRIER_DATA_DIR");
        }
        return properties(file);
    }

    private static List<URI> urls(Properties stack, String service) {
        String value = stack.getProperty(service + ".urls");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("stack.properties names no " + service + "-service");
        }
        return Arrays.stream(value.split(",")).map(String::trim).map(URI::create).toList();
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** The machine's 1-minute load average (Linux), for reading figures taken on a shared machine. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void say(String line) {
        System.out.println("[load] " + line);
    }
}
