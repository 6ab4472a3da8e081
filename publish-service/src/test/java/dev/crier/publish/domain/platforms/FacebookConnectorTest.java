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
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facebook Pages (Graph API) against a stub of its documented requests and responses. */
class FacebookConnectorTest extends StubbedPlatform {

    final Account account = account("facebook", "HealthCanada", Map.of("page-id", "1234567890"));
    final PublishRequest request = new PublishRequest("p-1", "facebook", "Flu clinics open Monday & Tuesday.", List.of("en"), "p-1:facebook");
    FacebookConnector facebook;

    @BeforeEach
    void connector() {
        secrets.put("hc-facebook.page-token", "page-token");
        facebook = new FacebookConnector(http, base() + "/v23.0", credentials);
    }

    @Test
    void postsTheMessageToThePagesFeedOnTheVersionedUrl() {
        platform.stubFor(post("/v23.0/1234567890/feed").withHeader("Authorization", equalTo("Bearer page-token"))
                .withRequestBody(equalTo("message=Flu+clinics+open+Monday+%26+Tuesday."))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"1234567890_987654321\"}")));

        assertThat(facebook.publish(account, request)).isEqualTo(PlatformResult.published("1234567890_987654321",
                "https://www.facebook.com/1234567890_987654321"));
    }

    @Test
    void duplicatesAndExpiredTokensFailInGraphsOwnWords() {
        platform.stubFor(post("/v23.0/1234567890/feed").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\": {\"message\": \"(#506) Duplicate status message\", \"type\": \"OAuthException\", \"code\": 506, \"fbtrace_id\": \"A1\"}}")));
        assertThat(facebook.publish(account, request).error()).isEqualTo("facebook refused the post (HTTP 400): (#506) Duplicate status message");

        platform.stubFor(post("/v23.0/1234567890/feed").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\": {\"message\": \"Error validating access token: Session has expired on Monday, 02-Mar-26 10:00:00 PST.\", "
                        + "\"type\": \"OAuthException\", \"code\": 190, \"error_subcode\": 463, \"fbtrace_id\": \"A2\"}}")));
        assertThat(facebook.publish(account, request).error()).startsWith("facebook refused the post (HTTP 400): Error validating access token");
    }

    @Test
    void throttlingCodesWaitForTheUsageHeadersTimeAndTemporaryCodesAreUnknown() {
        platform.stubFor(post("/v23.0/1234567890/feed").willReturn(aResponse().withStatus(400)
                .withHeader("X-Page-Usage", "{\"call_count\": 100, \"total_cputime\": 20, \"total_time\": 30, \"estimated_time_to_regain_access\": 12}")
                .withBody("{\"error\": {\"message\": \"(#32) Page request limit reached\", \"type\": \"OAuthException\", \"code\": 32}}")));
        assertThatThrownBy(() -> facebook.publish(account, request)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(12))));

        platform.stubFor(post("/v23.0/1234567890/feed").willReturn(aResponse().withStatus(500).withBody(
                "{\"error\": {\"message\": \"An unexpected error has occurred. Please retry your request later.\", \"type\": \"OAuthException\", \"code\": 2, \"is_transient\": true}}")));
        assertThatThrownBy(() -> facebook.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);

        platform.stubFor(post("/v23.0/1234567890/feed").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\": {\"message\": \"An unknown error has occurred.\", \"type\": \"OAuthException\", \"code\": 1}}")));
        assertThatThrownBy(() -> facebook.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);
    }

    @Test
    void aLostAnswerIsLookedForAmongThePagesRecentPosts() {
        platform.stubFor(get(urlPathEqualTo("/v23.0/1234567890/posts")).willReturn(aResponse().withStatus(200).withBody(
                "{\"data\": [{\"id\": \"1234567890_1\", \"message\": \"Flu clinics open Monday & Tuesday.\", "
                        + "\"permalink_url\": \"https://www.facebook.com/HealthCanada/posts/1\"}], \"paging\": {}}")));

        assertThat(facebook.findRecent(account, request)).isEqualTo(PlatformConnector.Lookup.found("1234567890_1",
                "https://www.facebook.com/HealthCanada/posts/1"));
    }

    @Test
    void deletesThePost() {
        platform.stubFor(delete("/v23.0/1234567890_1").willReturn(aResponse().withStatus(200).withBody("{\"success\": true}")));

        assertThat(facebook.delete(account, "1234567890_1").deleted()).isTrue();
    }

    @Test
    void anAccountWithoutItsPageIdFailsClearly() {
        assertThatThrownBy(() -> facebook.publish(account("facebook", "HealthCanada", Map.of()), request))
                .hasMessage("account facebook:HealthCanada has no 'page-id' setting");
    }
}
