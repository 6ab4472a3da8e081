package dev.crier.policy;

import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.PolicyReloaded;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.store.Database;
import dev.crier.platform.store.StoreUnavailableException;
import dev.crier.policy.config.PolicySettings;
import dev.crier.policy.domain.PolicyEngine;
import dev.crier.policy.domain.RuleBook;
import dev.crier.policy.domain.policy.InvalidPolicyException;
import dev.crier.policy.domain.policy.Policy;
import dev.crier.policy.domain.policy.PolicyParser;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
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

/**
 * The policy in force and its engine. It comes from {@code crier.policy.file} when set (checked every
 * {@code crier.policy.watch-interval}: a saved change is put in force within seconds), else from the built-in
 * profile {@code crier.policy.profile}. A file that is not valid is refused with its line and the policy in force
 * stays. Every change in force is a policy.changes event, written to the outbox before the change takes effect and
 * sent by the outbox relay, so a reload while the broker is away is neither lost nor a reason not to start.
 */
@ApplicationScoped
public class PolicyInForce {

    private static final Logger LOG = Logger.getLogger(PolicyInForce.class);

    /** A policy and the engine built from it, swapped together. */
    public record Loaded(Policy policy, PolicyEngine engine) {
    }

    private final RuleBook book;
    private final PolicySettings settings;
    private final Database database;
    private final Outbox outbox;
    private final Clock clock;
    private final String source;
    private final PolicyParser parser = new PolicyParser();
    private volatile Loaded current;
    private volatile long seenModified;

    public PolicyInForce(RuleBook book, PolicySettings settings, Database database, Outbox outbox, Clock clock,
                         @ConfigProperty(name = "crier.events.source") String source) {
        this.book = book;
        this.settings = settings;
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.source = source;
        this.seenModified = settings.file().map(PolicyInForce::modified).orElse(0L);
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
     * @throws StoreUnavailableException when its event could not be recorded; the policy in force stays
     */
    public synchronized Loaded reload(String trigger) {
        Policy policy = parser.parse(read());
        Loaded before = current;
        if (before != null && before.policy().hash().equals(policy.hash())) {
            return before;
        }
        PolicyEngine engine = PolicyEngine.of(policy, book);
        engine.warmUp();
        var reloaded = new PolicyReloaded(policy.id(), policy.version(), policy.hash(),
                before == null ? null : before.policy().version(), before == null ? null : before.policy().hash(),
                trigger, clock.instant());
        database.inTransaction(c -> {
            outbox.add(c, Event.of(EventType.POLICY_RELOADED, source, policy.id(), policy.hash(), reloaded.reloadedAt(), reloaded));
            return null;
        });
        current = new Loaded(policy, engine);
        LOG.infof("policy %s version %s (%s) in force (%s)", policy.id(), policy.version(), policy.hash(), trigger);
        return current;
    }

    void start(@Observes StartupEvent start) {
        current();
    }

    @Scheduled(every = "${crier.policy.watch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watchFile() {
        settings.file().ifPresent(this::checkFile);
    }

    private void checkFile(Path path) {
        long modified = modified(path);
        if (modified == seenModified) {
            return;
        }
        try {
            reload("file changed");
        } catch (StoreUnavailableException e) {
            // Not seen yet: the next check tries again.
            LOG.warnf("policy file %s changed but its reload could not be recorded (%s); version %s stays in force for now",
                    path, e.getMessage(), current.policy().version());
            return;
        } catch (InvalidPolicyException e) {
            LOG.errorf("policy file %s refused, %s; version %s stays in force", path, e.getMessage(), current.policy().version());
        } catch (RuntimeException e) {
            LOG.errorf(e, "policy file %s could not be reloaded; version %s stays in force", path, current.policy().version());
        }
        seenModified = modified;
    }

    private String read() {
        try {
            if (settings.file().isPresent()) {
                return Files.readString(settings.file().get(), StandardCharsets.UTF_8);
            }
            String profile = settings.profile();
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
