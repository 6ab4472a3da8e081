package dev.crier.publish.messaging;

import dev.crier.events.PublishOutcome;
import dev.crier.publish.domain.AccountRegistry;
import dev.crier.publish.domain.CredentialExpiry;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.RateLimiter;
import dev.crier.publish.domain.platforms.LinkedInVersion;
import dev.crier.publish.store.LedgerStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Publishing as ops watch it: {@code crier_publish_outcomes_total} by platform, account and state (each platform's
 * result in a reported outcome), and {@code crier_publish_ledger_entries} by platform and state for the entries not
 * final yet (QUEUED, PENDING, UNKNOWN) and those a person must look at (NEEDS_ATTENTION), read from the ledger every
 * {@code crier.metrics.refresh} (15 s) so that a scrape never waits on the database.
 */
@ApplicationScoped
public class PublishMetrics {

    private static final Logger LOG = Logger.getLogger(PublishMetrics.class);

    private final MeterRegistry metrics;
    private final LedgerStore ledger;
    private final RateLimiter limiter;
    private final MultiGauge open;
    private final MultiGauge expiry;
    private final AccountRegistry accounts;
    private final CredentialSource credentials;
    private final Clock clock;

    public PublishMetrics(MeterRegistry metrics, LedgerStore ledger, RateLimiter limiter, LinkedInVersion linkedIn,
                          AccountRegistry accounts, CredentialSource credentials, Clock clock) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.limiter = limiter;
        this.accounts = accounts;
        this.credentials = credentials;
        this.clock = clock;
        this.expiry = MultiGauge.builder("crier.publish.credentials.expiry").baseUnit("days")
                .description("Days until an account's credentials expire, where recorded (expires-at); negative once expired")
                .register(metrics);
        this.open = MultiGauge.builder("crier.publish.ledger.entries")
                .description("Publish-ledger entries not final yet, or needing a person, by platform and state").register(metrics);
        Gauge.builder("crier.publish.linkedin.version.age", () -> linkedIn.monthsOld(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .baseUnit("months")
                .description("Months since the LinkedIn API version in use was released (LinkedIn retires one after about a year)")
                .register(metrics);
    }

    void reported(PublishOutcome outcome) {
        for (PublishOutcome.PlatformResult r : outcome.results()) {
            Counter.builder("crier.publish.outcomes").description("Each platform's result in a reported outcome")
                    .tag("platform", r.platform()).tag("account", r.account() == null ? "none" : r.account())
                    .tag("state", r.state().name()).register(metrics).increment();
        }
    }

    @Scheduled(every = "${crier.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            open.register(ledger.openByPlatformAndState().stream().map(s -> MultiGauge.Row.of(
                    Tags.of("platform", s.platform(), "state", s.state()), s.count())).toList(), true);
            // An account's counter is registered once it has a bucket; it then reads the limiter's count.
            for (String account : limiter.holds().keySet()) {
                FunctionCounter.builder("crier.publish.rate.limit.holds", limiter,
                                l -> l.holds().getOrDefault(account, 0L))
                        .description("Calls to an account held back by its rate limit (the post waits and tries again)")
                        .tags("platform", account.substring(0, Math.max(0, account.indexOf(':'))), "account", account)
                        .register(metrics);
            }
        } catch (RuntimeException e) {
            LOG.debugf("publish ledger metrics not refreshed: %s", e.toString());
        }
        refreshExpiry();
    }

    private void refreshExpiry() {
        try {
            Instant now = clock.instant();
            expiry.register(CredentialExpiry.of(accounts.all(), credentials).stream().map(k -> MultiGauge.Row.of(
                    Tags.of("platform", k.account().platform(), "account", k.account().key()), k.daysLeft(now))).toList(), true);
        } catch (IllegalArgumentException e) {
            LOG.warnf("credential expiry not read: %s", e.getMessage());
        }
    }
}
