package dev.crier.publish.messaging;

import dev.crier.events.AccountsListed;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.AccountRegistry;
import dev.crier.platform.outbox.Outbox;
import dev.crier.platform.outbox.OutboxRelay;
import dev.crier.platform.store.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Lists the registered accounts on accounts.registry (no secrets), once after each start, through the outbox: ingest
 * refuses at the door a draft none of them can take. The event's id is the list's hash, so a restart with the same
 * accounts repeats the same event, which the audit records once; a changed list is a new event that replaces the
 * old one (compaction keeps the latest). Tried again every 10 s until the database and the broker take it.
 */
@ApplicationScoped
public class AccountsAnnouncer {

    private static final Logger LOG = Logger.getLogger(AccountsAnnouncer.class);

    private final AccountRegistry registry;
    private final Database database;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final String source;
    private volatile boolean announced;

    public AccountsAnnouncer(AccountRegistry registry, Database database, Outbox outbox, OutboxRelay relay, Clock clock,
                             @ConfigProperty(name = "crier.events.source") String source) {
        this.registry = registry;
        this.database = database;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.source = source;
    }

    /** The registry as listed: each account's public facts, in the registry's order. */
    static AccountsListed listing(AccountRegistry registry, Instant at) {
        return new AccountsListed(registry.all().stream().map(AccountsAnnouncer::listed).toList(), at);
    }

    @Scheduled(every = "10s", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void announce() {
        if (announced) {
            return;
        }
        AccountsListed listing = listing(registry, clock.instant());
        Event<AccountsListed> event = Event.of(EventType.ACCOUNTS_LISTED, source, AccountsListed.KEY,
                hash(listing), listing.listedAt(), listing);
        try {
            database.inTransaction(c -> {
                outbox.add(c, event);
                return null;
            });
            relay.flush();
            announced = true;
            LOG.infof("listed %d official account(s) on accounts.registry", listing.accounts().size());
        } catch (RuntimeException e) {
            LOG.warnf("the account registry is not listed yet, will retry: %s", e.toString());
        }
    }

    private static AccountsListed.Account listed(Account a) {
        return new AccountsListed.Account(a.platform(), a.handle(), a.department(),
                a.language().name().toLowerCase(Locale.ROOT));
    }

    /** The accounts' facts, hashed: the same list gives the same event id at every start. */
    private static String hash(AccountsListed listing) {
        StringBuilder text = new StringBuilder();
        listing.accounts().forEach(a -> text.append(a.platform()).append('\n').append(a.handle()).append('\n')
                .append(a.department()).append('\n').append(a.language()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
