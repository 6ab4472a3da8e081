package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.Extractor;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mastodon: {@code POST /api/v1/statuses} on the account's instance (setting {@code instance}, else the configured
 * default) with a bearer token (credential {@code access-token}) and an {@code Idempotency-Key}, which Mastodon
 * honours for one hour: within it a lost answer is settled by sending the same request again. The limit is the
 * instance's own ({@code configuration.statuses.max_characters} from {@code /api/v2/instance}), every link counted as
 * {@code characters_reserved_per_url}.
 */
public final class MastodonConnector extends HttpConnector {

    public static final String PLATFORM = "mastodon";
    /** Mastodon keeps an idempotency key for one hour (its API documentation, POST /api/v1/statuses). */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
    static final int DEFAULT_MAX = 500;
    static final int DEFAULT_URL_LENGTH = 23;

    private final String defaultInstance;
    private final Map<String, int[]> instanceLimits = new ConcurrentHashMap<>();

    public MastodonConnector(PlatformHttp http, String defaultInstance, CredentialSource credentials) {
        super(http, PLATFORM, DEFAULT_MAX, credentials);
        this.defaultInstance = defaultInstance;
    }


    @Override
    public int maxLength(Account account) {
        return limits(account)[0];
    }

    /** Code points, with every link counted as the default instance's reserved length (23 unless it says otherwise). */
    @Override
    public int length(String text) {
        int length = text.codePointCount(0, text.length());
        int urlLength = instanceLimits.values().stream().findFirst().map(l -> l[1]).orElse(DEFAULT_URL_LENGTH);
        for (Extractor.Entity url : new Extractor().extractURLsWithIndices(text)) {
            length += urlLength - text.codePointCount(url.getStart(), url.getEnd());
        }
        return length;
    }

    @Override
    public Duration idempotencyWindow() {
        return IDEMPOTENCY_WINDOW;
    }

    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", request.text());
        status.put("visibility", "public");
        if (request.language() != null) {
            status.put("language", request.language());
        }
        HttpResponse<String> response = http.sendPost(PLATFORM, account, http.request(instance(account) + "/api/v1/statuses")
                .header("Authorization", "Bearer " + credentials.require(account, "access-token").value())
                .header("Idempotency-Key", request.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(PlatformHttp.json(status)).build());
        if (PlatformHttp.ok(response)) {
            JsonNode created = PlatformHttp.read(PLATFORM, response.body());
            String id = created.path("id").asText(null);
            if (id == null) {
                throw new PlatformUnreachableException("Mastodon answered " + response.statusCode() + " without a status id");
            }
            return PlatformResult.published(id, created.path("url").asText(created.path("uri").asText(null)));
        }
        return PlatformHttp.refused(PLATFORM, response, PlatformHttp.message(response, "error"));
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        HttpResponse<String> response = http.send(PLATFORM, account,
                http.request(instance(account) + "/api/v1/statuses/" + PlatformHttp.encode(platformPostId))
                        .header("Authorization", "Bearer " + credentials.require(account, "access-token").value())
                        .DELETE().build());
        if (PlatformHttp.ok(response) || response.statusCode() == 404) {
            return Deletion.done();
        }
        return Deletion.refused("Mastodon refused the delete (HTTP " + response.statusCode() + "): "
                + PlatformHttp.message(response, "error"));
    }

    /** The instance's limits, asked once per instance: {max characters, characters per link}. */
    private int[] limits(Account account) {
        String instance = instance(account);
        return instanceLimits.computeIfAbsent(instance, i -> {
            HttpResponse<String> response = http.send(PLATFORM, account, http.request(i + "/api/v2/instance").GET().build());
            if (!PlatformHttp.ok(response)) {
                throw new PlatformUnreachableException("Mastodon's instance information answered HTTP " + response.statusCode());
            }
            JsonNode statuses = PlatformHttp.read(PLATFORM, response.body()).path("configuration").path("statuses");
            return new int[]{statuses.path("max_characters").asInt(DEFAULT_MAX),
                    statuses.path("characters_reserved_per_url").asInt(DEFAULT_URL_LENGTH)};
        });
    }

    private String instance(Account account) {
        return account.settings().getOrDefault("instance", defaultInstance).replaceAll("/+$", "");
    }
}
