package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in sandbox platform, called over real HTTP like any other platform: {@code POST
 * <base>/sandbox/api/statuses} with the platform credential in {@code X-Sandbox-Key}. The sandbox keeps every
 * idempotency key for good, so a lost answer is always settled by sending the same request again.
 */
public final class SandboxConnector extends HttpConnector {

    public static final String PLATFORM = "sandbox";
    public static final String STATUSES_PATH = "/sandbox/api/statuses";
    public static final String KEY_HEADER = "X-Sandbox-Key";
    /** What the sandbox itself accepts (see SandboxPlatformResource). */
    public static final int MAX_LENGTH = 100_000;
    public static final Duration KEYS_KEPT = Duration.ofDays(36_500);

    private final Supplier<URI> baseUrl;
    private final Supplier<String> apiKey;

    /** {@code baseUrl} is asked at each call, so it can name a port that is only known once the server listens. */
    public SandboxConnector(PlatformHttp http, Supplier<URI> baseUrl, Supplier<String> apiKey) {
        super(http, PLATFORM, MAX_LENGTH, null);
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }



    /** The sandbox checks Java chars, so it is counted the same way. */
    @Override
    public int length(String text) {
        return text.length();
    }

    @Override
    public Duration idempotencyWindow() {
        return KEYS_KEPT;
    }

    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", request.text());
        body.put("language", String.join(",", request.languages()));
        body.put("idempotencyKey", request.idempotencyKey());
        HttpResponse<String> response = http.sendPost(PLATFORM, account, http.request(statuses())
                .header("Content-Type", "application/json")
                .header(KEY_HEADER, apiKey.get())
                .POST(PlatformHttp.json(body)).build());
        if (PlatformHttp.ok(response)) {
            JsonNode created = PlatformHttp.read(PLATFORM, response.body());
            String id = created.path("id").asText(null);
            if (id == null) {
                throw new PlatformUnreachableException("sandbox answered " + response.statusCode() + " without an id");
            }
            return PlatformResult.published(id, created.path("url").asText(null));
        }
        return PlatformHttp.refused(PLATFORM, response, PlatformHttp.message(response, "detail", "title"));
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        HttpResponse<String> response = http.send(PLATFORM, account, http.request(statuses() + "/"
                + PlatformHttp.encode(platformPostId)).header(KEY_HEADER, apiKey.get()).DELETE().build());
        if (PlatformHttp.ok(response) || response.statusCode() == 404) {
            return Deletion.done();
        }
        return Deletion.refused("sandbox refused the delete (HTTP " + response.statusCode() + "): "
                + PlatformHttp.message(response, "detail", "title"));
    }

    private String statuses() {
        return baseUrl.get().toString().replaceAll("/+$", "") + STATUSES_PATH;
    }
}
