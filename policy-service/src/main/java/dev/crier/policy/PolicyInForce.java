package dev.crier.policy;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PolicyReloaded;
import dev.crier.platform.messaging.EventSender;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.RuleBook;
import dev.crier.policy.domain.policy.InvalidPolicyException;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.policy.PolicyParser;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The policy in force and its engine. It comes from {@code crier.policy.file} when set (watched: a saved change is
 * put in force within seconds), else from the built-in profile {@code crier.policy.profile}. A file that is not
 * valid is refused with its line and the policy in force stays; every change in force is a policy.changes event,
 * sent again until Kafka takes it, so a reload while the broker is away is neither lost nor a reason not to start.
 */
@ApplicationScoped
public class PolicyInForce {

    private static final Logger LOG = Logger.getLogger(PolicyInForce.class);

    /** A policy and the engine built from it, swapped together. */
    public record Loaded(Policy policy, PolicyEngine engine) {
    }

    private final RuleBook book;
    private final Optional<Path> file;
    private final String profile;
    private final EventSender sender;
    private final Clock clock;
    private final String source;
    private final PolicyParser parser = new PolicyParser();
    private volatile Loaded current;
    /** A reload event Kafka has not acknowledged yet (say, at a start while the broker is down): sent again later. */
    private volatile Event<PolicyReloaded> unsent;
    private ScheduledExecutorService watcher;
    private long seenModified;

    public PolicyInForce(RuleBook book, @ConfigProperty(name = "crier.policy.file") Optional<Path> file,
                         @ConfigProperty(name = "crier.policy.profile", defaultValue = "canada-federal") String profile,
                         EventSender sender, Clock clock, @ConfigProperty(name = "crier.events.source") String source) {
        this.book = book;
        this.file = file;
        this.profile = profile;
        this.sender = sender;
        this.clock = clock;
        this.source = source;
    }

    public Loaded current() {
        if (current == null) {
            reload("start");
        }
        return current;
    }

    /**
     * Reads the policy again and puts it in force if it changed.
     *
     * @throws InvalidPolicyException naming the line, when the file is not valid; the policy in force stays
     */
    public synchronized Loaded reload(String trigger) {
        Policy policy = parser.parse(read());
        Loaded before = current;
        if (before != null && before.policy().hash().equals(policy.hash())) {
            return before;
        }
        PolicyEngine engine = PolicyEngine.of(policy, book);
        engine.warmUp();
        current = new Loaded(policy, engine);
        LOG.infof("policy %s version %s (%s) in force (%s)", policy.id(), policy.version(), policy.hash(), trigger);
        var event = new PolicyReloaded(policy.id(), policy.version(), policy.hash(),
                before == null ? null : before.policy().version(), before == null ? null : before.policy().hash(),
                trigger, clock.instant());
        unsent = Event.of(EventType.POLICY_RELOADED, source, policy.id(), policy.hash(), event.reloadedAt(), event);
        sendUnsent();
        return current;
    }

    /** Sends the last reload event if it is still unsent; a failure leaves it for the next try. */
    private synchronized void sendUnsent() {
        Event<PolicyReloaded> event = unsent;
        if (event == null) {
            return;
        }
        try {
            sender.send(event);
            unsent = null;
        } catch (EventSender.EventNotSentException e) {
            LOG.warnf("policy reload event for %s version %s not sent yet (%s); will retry", event.data().policyId(),
                    event.data().version(), e.getMessage());
        }
    }

    void start(@Observes StartupEvent start) {
        current();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "policy-watch"));
        watcher.scheduleWithFixedDelay(this::sendUnsent, 5, 5, TimeUnit.SECONDS);
        file.ifPresent(path -> {
            seenModified = modified(path);
            watcher.scheduleWithFixedDelay(() -> checkFile(path), 2, 2, TimeUnit.SECONDS);
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void checkFile(Path path) {
        long modified = modified(path);
        if (modified == seenModified) {
            return;
        }
        seenModified = modified;
        try {
            reload("file changed");
        } catch (InvalidPolicyException e) {
            LOG.errorf("policy file %s refused, %s; version %s stays in force", path, e.getMessage(), current.policy().version());
        } catch (RuntimeException e) {
            LOG.errorf(e, "policy file %s could not be reloaded; version %s stays in force", path, current.policy().version());
        }
    }

    private String read() {
        try {
            if (file.isPresent()) {
                return Files.readString(file.get(), StandardCharsets.UTF_8);
            }
            try (InputStream in = PolicyInForce.class.getResourceAsStream("/policies/" + profile + ".yaml")) {
                if (in == null) {
                    throw new InvalidPolicyException("line 1: there is no built-in profile '" + profile + "'");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the policy", e);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis() ^ Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }
}
