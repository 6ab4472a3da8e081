package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.RateLimitListener;
import dev.crier.publish.domain.RetryLaterException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP every connector shares: one client, a timeout per call, the rate-limit headers passed on, and the
 * mapping of what went wrong to what the publisher must do. A request that never reached the platform (no
 * connection) is {@link RetryLaterException}; one whose answer was lost (timeout, reset, 5xx) is
 * {@link PlatformUnreachableException}; a 429 is {@link RetryLaterException} with the platform's reset time.
 */
public final class PlatformHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;
    /** X's 24-hour post counts (x-user-limit-24hour-remaining, -reset; the same for the app). */
    private static final List<String> DAILY_LIMITS = List.of("x-user-limit-24hour", "x-app-limit-24hour");

    private final RateLimitListener limits;
    private final Clock clock;

    public PlatformHttp(HttpClient client, Duration timeout, RateLimitListener limits, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.limits = limits;
        this.clock = clock;
    }

    /** A request builder with the call's timeout. */
    HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(timeout);
    }

    static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Sends a post: the call the account's posting budget counts, which the answer's rate-limit headers correct
     * (see {@link #send}).
     */
    HttpResponse<String> sendPost(String platform, Account account, HttpRequest request) {
        HttpResponse<String> response = call(platform, request);
        observe(account, response);
        return checked(platform, response);
    }

    /**
     * Sends any other call (a session, a look-up, a delete) and returns any answer but a 429 or a 5xx. Each endpoint
     * has its own limits on every platform, so its rate-limit headers say nothing of the posting budget and are not
     * read; a 429 still makes the post that needed the call wait.
     *
     * @throws RetryLaterException         on 429, or when no connection could be made
     * @throws PlatformUnreachableException when the answer is unknown
     */
    HttpResponse<String> send(String platform, Account account, HttpRequest request) {
        return checked(platform, call(platform, request));
    }

    private HttpResponse<String> call(String platform, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException notSent) {
            throw new RetryLaterException(platform + " could not be reached: " + notSent, null);
        } catch (IOException e) {
            throw new PlatformUnreachableException(platform + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnreachableException("interrupted while waiting for " + platform, e);
        }
        return response;
    }

    private HttpResponse<String> checked(String platform, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            throw new RetryLaterException(platform + " rate limit reached (HTTP 429)", resetOf(response).orElse(null));
        }
        if (status >= 500) {
            throw new PlatformUnreachableException(platform + " answered HTTP " + status + ": " + excerpt(response.body()));
        }
        return response;
    }

    private void observe(Account account, HttpResponse<String> response) {
        Optional<String> remaining = first(response, "x-rate-limit-remaining", "x-ratelimit-remaining", "ratelimit-remaining");
        observe(account, remaining, resetOf(response));
        // X counts posts per 24 hours too, per user and per app, in headers of their own: when either is spent,
        // nothing is sent before its reset (X answers 429 until then), whatever the 15-minute window says.
        for (String day : DAILY_LIMITS) {
            Optional<String> left = first(response, day + "-remaining");
            if (left.isPresent() && left.get().trim().equals("0")) {
                observe(account, left, first(response, day + "-reset").flatMap(v -> parseTime(v, false)));
            }
        }
    }

    private void observe(Account account, Optional<String> remaining, Optional<Instant> reset) {
        if (remaining.isPresent() && reset.isPresent()) {
            try {
                limits.observe(account.key(), Integer.parseInt(remaining.get().trim()), reset.get());
            } catch (NumberFormatException ignored) {
                // a header we cannot read tells us nothing
            }
        }
    }

    /**
     * When the platform says calls may resume: {@code Retry-After} (seconds or an HTTP date), X's
     * {@code x-rate-limit-reset} (epoch seconds), Mastodon's {@code X-RateLimit-Reset} (ISO 8601), Bluesky's
     * {@code RateLimit-Reset} (epoch seconds).
     */
    Optional<Instant> resetOf(HttpResponse<String> response) {
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            return parseTime(retryAfter.get(), true);
        }
        return first(response, "x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset").flatMap(v -> parseTime(v, false));
    }

    private Optional<Instant> parseTime(String value, boolean secondsAreDelay) {
        String v = value.trim();
        try {
            long n = Long.parseLong(v);
            // Epoch seconds are large; a small number is a delay (Retry-After, or the IETF draft's RateLimit-Reset).
            return Optional.of(secondsAreDelay || n < 1_000_000_000L ? clock.instant().plusSeconds(n) : Instant.ofEpochSecond(n));
        } catch (NumberFormatException notANumber) {
            try {
                return Optional.of(Instant.parse(v));
            } catch (DateTimeParseException notIso) {
                try {
                    return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException unreadable) {
                    return Optional.empty();
                }
            }
        }
    }

    private static Optional<String> first(HttpResponse<String> response, String... names) {
        for (String name : names) {
            Optional<String> value = response.headers().firstValue(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    static JsonNode read(String platform, String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new PlatformUnreachableException(platform + " answered with something that is not JSON");
        }
    }

    /** JSON or not, the start of what the platform sent. */
    static String excerpt(String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(no message)" : text.substring(0, Math.min(text.length(), 300));
    }

    /** A 4xx as a permanent failure, in the platform's own words. */
    static PlatformResult refused(String platform, HttpResponse<String> response, String message) {
        return PlatformResult.failed(platform + " refused the post (HTTP " + response.statusCode() + "): " + message);
    }

    /** The first non-blank text field of {@code node} among {@code paths} (a path is dot-separated), else the body. */
    static String message(HttpResponse<String> response, String... paths) {
        JsonNode node;
        try {
            node = JSON.readTree(response.body() == null ? "" : response.body());
        } catch (JsonProcessingException notJson) {
            return excerpt(response.body());
        }
        for (String path : paths) {
            JsonNode at = node;
            for (String part : path.split("\\.")) {
                at = at == null ? null : (part.matches("\\d+") ? at.get(Integer.parseInt(part)) : at.get(part));
            }
            if (at != null && at.isValueNode() && !at.asText().isBlank()) {
                return at.asText();
            }
        }
        return excerpt(response.body());
    }

    static boolean ok(HttpResponse<String> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    Clock clock() {
        return clock;
    }
}
