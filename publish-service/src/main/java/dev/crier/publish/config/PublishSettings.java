package dev.crier.publish.config;

import dev.crier.publish.domain.platforms.XAccessTier;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How publish-service publishes: the schedule's poll and calls, time limits, retries and per-account rate limits. */
@ConfigMapping(prefix = "crier.publish")
public interface PublishSettings {

    /**
     * How often the ledger is polled for due entries, read by quarkus-scheduler (which fires at most once a second);
     * new approvals and finished calls wake the worker at once, and the next due time sets its own alarm.
     */
    @WithDefault("1s")
    String pollInterval();

    /** Calls in parallel to one platform: each platform has its own threads, so a slow one holds up no other. */
    @WithDefault("16")
    int workers();

    /**
     * Entries one poll claims at most; a platform with this many calls waiting or under way gets no more until they
     * finish, so it holds up no other platform's posts.
     */
    @WithDefault("200")
    int claimBatch();

    /** How long a claimed entry is left to its worker before another may claim it (a worker that stopped). */
    @WithDefault("5s")
    Duration claimLease();

    /**
     * This instance's name, the same across its restarts and different from every other instance on the database
     * (host and HTTP port by default): at startup it settles the PENDING calls it left, and only those.
     */
    @WithDefault("${HOSTNAME:localhost}:${quarkus.http.port}")
    String instance();

    /** One HTTP call's timeout. */
    @WithDefault("15s")
    Duration callTimeout();

    /** How long a call may stay PENDING before its answer counts as lost (UNKNOWN). */
    @WithDefault("60s")
    Duration attemptTimeLimit();

    /** How late a scheduled post may still go out. */
    @WithDefault("15m")
    Duration maxLateness();

    /** Taken off a platform's idempotency window, so a key is never resent near its expiry. */
    @WithDefault("5m")
    Duration idempotencyMargin();

    Retry retry();

    Fetch fetch();

    /** Per-platform override of an account's quota, {@code <calls>/<window>} (defaults: PublisherProducer). */
    Map<String, String> rate();

    /**
     * The X API access of the app the X accounts post through ({@code free}, {@code basic}, {@code pro},
     * {@code pay-per-use}): it sets their posting quota unless {@code crier.publish.rate.x} does. Free, the
     * strictest, until a department says which it has: too low a quota holds posts back, too high a one gets 429s.
     */
    @WithDefault("free")
    XAccessTier xTier();

    /**
     * What publish-service may fetch from the internet (the pages behind link cards), through the guarded fetcher:
     * https only, these hosts only ({@code www.canada.ca}, or {@code *.gc.ca} for subdomains; none by default, so no
     * card is made until ops name them), public addresses only, at most {@code max-bytes}, within {@code timeout}.
     */
    interface Fetch {
        Optional<Set<String>> allowedHosts();

        @WithDefault("1048576")
        long maxBytes();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Retry {
        @WithDefault("2s")
        Duration base();

        @WithDefault("10m")
        Duration cap();

        @WithDefault("8")
        int maxAttempts();
    }
}
