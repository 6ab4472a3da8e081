package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mastodon against a stub of its documented requests and responses. */
class MastodonConnectorTest extends StubbedPlatform {

    final PublishRequest request = new PublishRequest("p-1", "mastodon", "Flu clinics open Monday.", List.of("en"), "p-1:mastodon");
    Account account;
    MastodonConnector mastodon;

    @BeforeEach
    void connector() {
        secrets.put("hc-mastodon.access-token", "app-token");
        account = account("mastodon", "HealthCanada", Map.of("instance", base()));
        mastodon = new MastodonConnector(http, "https://unused.example", credentials);
    }

    @Test
    void postsWithTheIdempotencyKeyAndLanguage() {
        platform.stubFor(post("/api/v1/statuses").withHeader("Authorization", equalTo("Bearer app-token"))
                .withHeader("Idempotency-Key", equalTo("p-1:mastodon"))
                .withRequestBody(equalToJson("{\"status\": \"Flu clinics open Monday.\", \"visibility\": \"public\", \"language\": \"en\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("X-RateLimit-Limit", "300")
                        .withHeader("X-RateLimit-Remaining", "298").withHeader("X-RateLimit-Reset", "2026-03-02T14:05:00.000Z")
                        .withBody("{\"id\": \"103704874086360371\", \"uri\": \"https://social.example/users/HealthCanada/statuses/103704874086360371\", "
                                + "\"url\": \"https://social.example/@HealthCanada/103704874086360371\", \"content\": \"<p>Flu clinics open Monday.</p>\"}")));

        assertThat(mastodon.publish(account, request)).isEqualTo(PlatformResult.published("103704874086360371",
                "https://social.example/@HealthCanada/103704874086360371"));
        assertThat(observed).containsExactly("mastodon:HealthCanada 298 until 2026-03-02T14:05:00Z");
        assertThat(mastodon.idempotencyWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theLimitIsTheInstancesOwnAskedOnce() {
        platform.stubFor(get("/api/v2/instance").willReturn(aResponse().withStatus(200).withBody(
                "{\"domain\": \"social.example\", \"configuration\": {\"statuses\": {\"max_characters\": 1000, "
                        + "\"max_media_attachments\": 4, \"characters_reserved_per_url\": 23}}}")));

        assertThat(mastodon.maxLength(account)).isEqualTo(1000);
        assertThat(mastodon.maxLength(account)).isEqualTo(1000);
        platform.verify(1, getRequestedFor(urlEqualTo("/api/v2/instance")));
        assertThat(mastodon.length("See https://www.canada.ca/en/public-health/services/flu.html")).isEqualTo(4 + 23);
    }

    @Test
    void validationAndTokenErrorsFailInMastodonsOwnWords() {
        platform.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(422)
                .withBody("{\"error\": \"Validation failed: Text character limit of 500 exceeded\"}")));
        assertThat(mastodon.publish(account, request).error())
                .isEqualTo("mastodon refused the post (HTTP 422): Validation failed: Text character limit of 500 exceeded");

        platform.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\": \"The access token was revoked\"}")));
        assertThat(mastodon.publish(account, request).error())
                .isEqualTo("mastodon refused the post (HTTP 401): The access token was revoked");
    }

    @Test
    void a429WaitsUntilTheIsoResetTimeAndA5xxOrTimeoutIsUnknown() {
        platform.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "2026-03-02T14:05:00.000Z")
                .withBody("{\"error\": \"Too many requests\"}")));
        assertThatThrownBy(() -> mastodon.publish(account, request)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.retryAt()).isEqualTo(Instant.parse("2026-03-02T14:05:00Z")));

        platform.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> mastodon.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);

        platform.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{\"id\": \"1\"}")));
        assertThatThrownBy(() -> mastodon.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);
    }

    @Test
    void theSameKeyAgainAnswersWithTheStatusAlreadyMade() {
        platform.stubFor(post("/api/v1/statuses").withHeader("Idempotency-Key", equalTo("p-1:mastodon"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"5\", \"url\": \"https://social.example/@HealthCanada/5\"}")));

        assertThat(mastodon.publish(account, request)).isEqualTo(mastodon.publish(account, request));
        assertThat(mastodon.findRecent(account, request).kind()).isEqualTo(PlatformConnector.Lookup.Kind.UNSUPPORTED);
    }

    @Test
    void deletesTheStatus() {
        platform.stubFor(delete("/api/v1/statuses/5").withHeader("Authorization", equalTo("Bearer app-token"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"5\", \"text\": \"Flu clinics open Monday.\"}")));
        platform.stubFor(delete("/api/v1/statuses/6").willReturn(aResponse().withStatus(403)
                .withBody("{\"error\": \"This action is not allowed\"}")));

        assertThat(mastodon.delete(account, "5").deleted()).isTrue();
        assertThat(mastodon.delete(account, "6").error()).isEqualTo("Mastodon refused the delete (HTTP 403): This action is not allowed");
    }
}
