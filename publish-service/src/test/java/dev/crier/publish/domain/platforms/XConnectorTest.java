package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** X API v2 against a stub of its documented requests and responses. */
class XConnectorTest extends StubbedPlatform {

    final Account account = account("x", "HealthCanada", Map.of("user-id", "2244994945"));
    final PublishRequest request = new PublishRequest("p-1", "x", "Flu clinics open Monday. https://canada.ca/flu",
            List.of("en"), "p-1:x");
    XConnector x;

    @BeforeEach
    void connector() {
        secrets.put("hc-x.access-token", "user-token");
        x = new XConnector(http, base(), credentials);
    }

    @Test
    void postsTheTextWithTheUsersTokenAndReadsTheIdAndRateLimitHeaders() {
        platform.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer user-token"))
                .withRequestBody(equalToJson("{\"text\": \"Flu clinics open Monday. https://canada.ca/flu\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "99")
                        .withHeader("x-rate-limit-reset", "1772461800")
                        .withBody("{\"data\": {\"id\": \"1445880548472328192\", \"text\": \"Flu clinics open Monday. https://t.co/abc\"}}")));

        assertThat(x.publish(account, request)).isEqualTo(PlatformResult.published("1445880548472328192",
                "https://x.com/HealthCanada/status/1445880548472328192"));
        assertThat(observed).containsExactly("x:HealthCanada 99 until " + Instant.ofEpochSecond(1772461800));
    }

    @Test
    void aSpentDailyQuotaHoldsPostsUntilItsResetWhateverTheFifteenMinuteWindowSays() {
        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "99")
                .withHeader("x-rate-limit-reset", "1772461800")
                .withHeader("x-user-limit-24hour-limit", "17").withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", "1772540000")
                .withHeader("x-app-limit-24hour-limit", "1667").withHeader("x-app-limit-24hour-remaining", "1500")
                .withHeader("x-app-limit-24hour-reset", "1772541000")
                .withBody("{\"data\": {\"id\": \"1445880548472328192\", \"text\": \"Flu clinics\"}}")));

        x.publish(account, request);

        assertThat(observed).containsExactly("x:HealthCanada 99 until " + Instant.ofEpochSecond(1772461800),
                "x:HealthCanada 0 until " + Instant.ofEpochSecond(1772540000));
    }

    @Test
    void aLookUpsRateLimitHeadersLeaveThePostingBudgetAlone() {
        platform.stubFor(get(urlPathEqualTo("/2/users/2244994945/tweets")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", "1772461800").withBody("{\"data\": []}")));

        assertThat(x.findRecent(account, request)).isEqualTo(PlatformConnector.Lookup.absent());
        assertThat(observed).isEmpty();
    }

    @Test
    void lengthIsTwitterTextsWeightedCount() {
        assertThat(x.length("a".repeat(10) + " https://canada.ca/" + "x".repeat(100))).isEqualTo(10 + 1 + 23);
        assertThat(x.length("🇨🇦")).isEqualTo(2);
        assertThat(x.maxLength(account)).isEqualTo(280);
    }

    @Test
    void a429WaitsUntilTheResetHeader() {
        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-remaining", "0").withHeader("x-rate-limit-reset", "1772462700")
                .withBody("{\"title\": \"Too Many Requests\", \"detail\": \"Too Many Requests\", \"type\": \"about:blank\", \"status\": 429}")));

        assertThatThrownBy(() -> x.publish(account, request)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(1772462700)));
    }

    @Test
    void duplicateContentAndExpiredCredentialsFailAtOnceInXsOwnWords() {
        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\": \"You are not allowed to create a Tweet with duplicate content.\", \"type\": \"about:blank\", \"title\": \"Forbidden\", \"status\": 403}")));
        assertThat(x.publish(account, request)).isEqualTo(PlatformResult.failed(
                "x refused the post (HTTP 403): You are not allowed to create a Tweet with duplicate content."));

        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(401)
                .withBody("{\"title\": \"Unauthorized\", \"type\": \"about:blank\", \"status\": 401, \"detail\": \"Unauthorized\"}")));
        assertThat(x.publish(account, request).error()).isEqualTo("x refused the post (HTTP 401): Unauthorized");
    }

    @Test
    void serverErrorsAndTimeoutsLeaveTheAnswerUnknownButARefusedConnectionIsRetried() throws Exception {
        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        assertThatThrownBy(() -> x.publish(account, request)).isInstanceOf(PlatformUnreachableException.class)
                .hasMessageContaining("503");

        platform.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withFixedDelay(3000)
                .withBody("{\"data\": {\"id\": \"1\"}}")));
        assertThatThrownBy(() -> x.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);

        XConnector nowhere = new XConnector(http, nothingListening(), credentials);
        assertThatThrownBy(() -> nowhere.publish(account, request)).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void aLostAnswerIsLookedForAmongTheUsersRecentPostsWithLinksAsXRewritesThem() {
        platform.stubFor(get(urlPathEqualTo("/2/users/2244994945/tweets")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": [{\"id\": \"7\", \"text\": \"Something else\"}, "
                        + "{\"id\": \"8\", \"text\": \"Flu clinics open Monday. https://t.co/xYz\"}], \"meta\": {\"result_count\": 2}}")));

        assertThat(x.findRecent(account, request)).isEqualTo(PlatformConnector.Lookup.found("8", "https://x.com/HealthCanada/status/8"));

        platform.stubFor(get(urlPathEqualTo("/2/users/2244994945/tweets")).willReturn(aResponse().withStatus(200)
                .withBody("{\"meta\": {\"result_count\": 0}}")));
        assertThat(x.findRecent(account, request).kind()).isEqualTo(PlatformConnector.Lookup.Kind.ABSENT);
    }

    @Test
    void withoutAUserIdTheAccountIsAskedWhoItIs() {
        platform.stubFor(get("/2/users/me").willReturn(aResponse().withStatus(200)
                .withBody("{\"data\": {\"id\": \"42\", \"name\": \"Health Canada\", \"username\": \"HealthCanada\"}}")));
        platform.stubFor(get(urlPathEqualTo("/2/users/42/tweets")).willReturn(aResponse().withStatus(200).withBody("{\"meta\": {}}")));

        assertThat(x.findRecent(account("x", "HealthCanada", Map.of()), request).kind()).isEqualTo(PlatformConnector.Lookup.Kind.ABSENT);
    }

    @Test
    void deletesThePost() {
        platform.stubFor(delete("/2/tweets/8").withHeader("Authorization", equalTo("Bearer user-token"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": {\"deleted\": true}}")));
        platform.stubFor(delete("/2/tweets/9").willReturn(aResponse().withStatus(403)
                .withBody("{\"detail\": \"You are not allowed to delete this Tweet.\", \"status\": 403}")));

        assertThat(x.delete(account, "8")).isEqualTo(PlatformConnector.Deletion.done());
        assertThat(x.delete(account, "9").error()).isEqualTo("X refused the delete (HTTP 403): You are not allowed to delete this Tweet.");
    }

    @Test
    void aMissingTokenFailsWithoutAnyCall() {
        secrets.clear();

        assertThatThrownBy(() -> x.publish(account, request)).hasMessage("no 'access-token' credential for x:HealthCanada (reference 'hc-x')");
        platform.verify(0, postRequestedFor(urlEqualTo("/2/tweets")));
    }
}
