package dev.crier.publish.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The built-in sandbox platform, called over real HTTP like any other platform: {@code POST
 * <base>/sandbox/api/statuses} with the platform credential in {@code X-Sandbox-Key}. The sandbox honours the
 * idempotency key, so a retry after a crash never posts twice.
 */
public final class SandboxConnector implements PlatformConnector {

    public static final String PLATFORM = "sandbox";
    public static final String STATUSES_PATH = "/sandbox/api/statuses";
    public static final String KEY_HEADER = "X-Sandbox-Key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Supplier<URI> baseUrl;
    private final String apiKey;
    private final Duration timeout;

    /** {@code baseUrl} is asked at each call, so it can name a port that is only known once the server listens. */
    public SandboxConnector(HttpClient http, Supplier<URI> baseUrl, String apiKey, Duration timeout) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public PlatformResult publish(PublishRequest request) {
        URI endpoint = URI.create(baseUrl.get().toString().replaceAll("/+$", "") + STATUSES_PATH);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(KEY_HEADER, apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body(request), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PlatformUnreachableException("sandbox at " + endpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnreachableException("interrupted while waiting for the sandbox", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            JsonNode created = read(response.body());
            return PlatformResult.published(created.path("id").asText(null), created.path("url").asText(null));
        }
        if (status >= 400 && status < 500) {
            return PlatformResult.failed("sandbox refused the post (HTTP " + status + "): " + messageOf(response.body()));
        }
        throw new PlatformUnreachableException("sandbox answered HTTP " + status + ": " + messageOf(response.body()));
    }

    private static String body(PublishRequest request) {
        try {
            return JSON.writeValueAsString(new StatusRequest(request.text(), request.language(), request.idempotencyKey()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PlatformUnreachableException("sandbox answered with something that is not JSON", e);
        }
    }

    /** The platform's own words: a problem document's detail, or the start of whatever it sent. */
    private static String messageOf(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("detail")) {
                return node.get("detail").asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the raw body
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(no message)" : text.substring(0, Math.min(text.length(), 500));
    }

    private record StatusRequest(String text, String language, String idempotencyKey) {
    }
}
