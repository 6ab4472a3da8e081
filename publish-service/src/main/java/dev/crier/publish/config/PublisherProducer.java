package dev.crier.publish.config;

import dev.crier.publish.domain.AccountRegistry;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishLedger;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.domain.RateLimiter;
import dev.crier.publish.domain.RetractionLog;
import dev.crier.publish.domain.Retractor;
import dev.crier.publish.domain.RetryPolicy;
import dev.crier.publish.domain.platforms.BlueskyConnector;
import dev.crier.publish.domain.platforms.FacebookConnector;
import dev.crier.publish.domain.platforms.GuardedFetcher;
import dev.crier.publish.domain.platforms.LinkedInConnector;
import dev.crier.publish.domain.platforms.LinkedInVersion;
import dev.crier.publish.domain.platforms.LinkPreview;
import dev.crier.publish.domain.platforms.MastodonConnector;
import dev.crier.publish.domain.platforms.PlatformHttp;
import dev.crier.publish.domain.platforms.SandboxConnector;
import dev.crier.publish.domain.platforms.XAccessTier;
import dev.crier.publish.domain.platforms.XConnector;
import dev.crier.publish.store.SandboxPostStore;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Wires the plain-Java publishing domain: accounts, credentials, rate limits, the connectors and the publisher. */
public class PublisherProducer {

    private static final Logger LOG = Logger.getLogger(PublisherProducer.class);

    /**
     * The sandbox is Crier's own, not a real platform: its quota exists so the limiter is exercised on the local
     * stack, and is set far above what the whole pipeline can do (500 posts/s, most of them to one department's
     * account) so that it never caps a benchmark by accident.
     */
    static final String SANDBOX_QUOTA = "6000/1s";

    /**
     * Each platform's published default per account. X: by the app's access tier ({@link XAccessTier},
     * crier.publish.x-tier). Mastodon: 300 requests per 5 minutes per account (docs.joinmastodon.org, rate limits).
     * Bluesky: 5,000 points per hour per account, a create costing 3, so 1,666 posts (docs.bsky.app, rate limits).
     * Facebook: 200 calls per hour per user token (Graph API platform rate limits). LinkedIn shows its limits per
     * application in the developer portal only; 150 a day is a conservative default. Override with
     * crier.publish.rate.<platform>=<calls>/<window>.
     */
    static final Map<String, String> DEFAULT_QUOTAS = Map.of("mastodon", "300/5m", "bluesky", "1666/1h",
            "facebook", "200/1h", "linkedin", "150/24h", "sandbox", SANDBOX_QUOTA);

    /**
     * The LinkedIn API version sent unless crier.linkedin.version names another: a recent one, since LinkedIn
     * retires each version about a year after its release ({@link LinkedInVersion}).
     */
    static final String LINKEDIN_VERSION = "202611";

    @Produces
    @Singleton
    AccountRegistry accounts(@ConfigProperty(name = "crier.accounts.file") Optional<Path> file) {
        AccountRegistry registry = file.map(AccountsFile::read).orElseGet(AccountsFile::readDefault);
        LOG.infof("%d official accounts registered (%s)", registry.all().size(),
                file.map(Path::toString).orElse("built-in local accounts"));
        return registry;
    }

    @Produces
    @Singleton
    CredentialSource credentials(Config config, @ConfigProperty(name = "crier.credentials.dir") Optional<Path> dir) {
        return new ConfiguredCredentials(name -> config.getOptionalValue(name, String.class), dir);
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(PublishSettings settings) {
        Map<String, RateLimiter.Quota> quotas = new HashMap<>();
        DEFAULT_QUOTAS.forEach((platform, quota) -> quotas.put(platform, RateLimiter.Quota.parse(
                settings.rate().getOrDefault(platform, quota))));
        RateLimiter.Quota x = Optional.ofNullable(settings.rate().get("x")).map(RateLimiter.Quota::parse)
                .orElse(settings.xTier().posts());
        quotas.put("x", x);
        LOG.infof("X posting quota per account: %d per %s (%s)", x.limit(), x.window(),
                settings.rate().containsKey("x") ? "crier.publish.rate.x" : "access tier " + settings.xTier()
                        + ", crier.publish.x-tier");
        return new RateLimiter(quotas, RateLimiter.Quota.parse("60/1m"));
    }

    /** Link cards from the pages of the hosts ops allow, through the guarded fetcher; none when no host is allowed. */
    @Produces
    @Singleton
    LinkPreview linkPreview(GuardedFetcher fetcher, PublishSettings settings) {
        return settings.fetch().allowedHosts().isEmpty() ? LinkPreview.none()
                : new LinkPreview(uri -> fetcher.fetch(uri, Set.of(GuardedFetcher.HTML)));
    }

    @Produces
    @Singleton
    GuardedFetcher guardedFetcher(PublishSettings settings) {
        return new GuardedFetcher(GuardedFetcher.Rules.publicInternet(settings.fetch().allowedHosts().orElse(Set.of()),
                settings.fetch().maxBytes(), settings.fetch().timeout()));
    }

    void close(@Disposes GuardedFetcher fetcher) throws IOException {
        fetcher.close();
    }

    /** The LinkedIn API version in use; a warning at start when LinkedIn is about to retire it. */
    @Produces
    @Singleton
    LinkedInVersion linkedInVersion(Config config, Clock clock) {
        LinkedInVersion version = LinkedInVersion.parse(url(config, "crier.linkedin.version", LINKEDIN_VERSION));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (version.aging(today)) {
            LOG.warnf("LinkedIn API version %s is %d months old: LinkedIn retires a version about a year after its "
                    + "release and then refuses every post (HTTP 426); set crier.linkedin.version to a current one "
                    + "(YYYYMM)", version, version.monthsOld(today));
        }
        return version;
    }

    @Produces
    @Singleton
    PlatformHttp platformHttp(RateLimiter limiter, Clock clock, PublishSettings settings) {
        Duration timeout = settings.callTimeout();
        return new PlatformHttp(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, limiter, clock);
    }

    @Produces
    @Singleton
    List<PlatformConnector> connectors(PlatformHttp http, CredentialSource credentials, SandboxApiKey sandboxKey,
                                       SandboxPostStore sandboxPosts, HttpServer server, Config config,
                                       LinkedInVersion linkedInVersion, LinkPreview previews) {
        PlatformConnector sandbox = config.getOptionalValue("crier.sandbox.base-url", URI.class)
                .<PlatformConnector>map(url -> new SandboxConnector(http, () -> url, sandboxKey::value))
                .orElseGet(() -> new LocalSandboxConnector(sandboxPosts, () -> ownAddress(server)));
        return List.of(
                sandbox,
                new XConnector(http, url(config, "crier.x.base-url", "https://api.x.com"), credentials),
                new MastodonConnector(http, url(config, "crier.mastodon.base-url", "https://mastodon.social"), credentials),
                new BlueskyConnector(http, url(config, "crier.bluesky.base-url", "https://bsky.social"), credentials,
                        previews),
                new FacebookConnector(http, url(config, "crier.facebook.base-url", "https://graph.facebook.com/v23.0"), credentials),
                new LinkedInConnector(http, url(config, "crier.linkedin.base-url", "https://api.linkedin.com"),
                        linkedInVersion.toString(), credentials));
    }

    @Produces
    @Singleton
    Publisher publisher(PublishLedger ledger, List<PlatformConnector> connectors, AccountRegistry accounts,
                        RateLimiter limiter, Clock clock, PublishSettings settings) {
        SecureRandom random = new SecureRandom();
        RetryPolicy retry = new RetryPolicy(settings.retry().base(), settings.retry().cap(),
                settings.retry().maxAttempts(), random::nextDouble);
        Publisher.Timing timing = new Publisher.Timing(settings.attemptTimeLimit(), settings.maxLateness(),
                settings.idempotencyMargin());
        return new Publisher(ledger, byPlatform(connectors), accounts, limiter, retry, timing, clock);
    }

    @Produces
    @Singleton
    Retractor retractor(PublishLedger ledger, RetractionLog log, List<PlatformConnector> connectors,
                        AccountRegistry accounts, Clock clock) {
        return new Retractor(ledger, log, byPlatform(connectors), accounts, clock);
    }

    private static Map<String, PlatformConnector> byPlatform(List<PlatformConnector> connectors) {
        Map<String, PlatformConnector> byPlatform = new HashMap<>();
        connectors.forEach(c -> byPlatform.put(c.platform(), c));
        return byPlatform;
    }

    private static String url(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).orElse(fallback);
    }

    /**
     * The sandbox is this service's own HTTP server (the address its posts' URLs name). Its port is read at each call
     * rather than from configuration, because with port 0 (tests) it is only known once the server listens.
     */
    private static URI ownAddress(HttpServer server) {
        int port = server.getPort();
        if (port <= 0) {
            throw new PlatformUnreachableException("the HTTP server is not listening yet");
        }
        return URI.create("http://127.0.0.1:" + port);
    }
}
