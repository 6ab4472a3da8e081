package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LinkedIn's versioned Posts API against a stub of its documented requests and responses. */
class LinkedInConnectorTest extends StubbedPlatform {

    final Account account = account("linkedin", "health-canada", Map.of("author", "urn:li:organization:5515715"));
    final PublishRequest request = new PublishRequest("p-1", "linkedin", "Flu clinics (free) open Monday #health", List.of("en"), "p-1:linkedin");
    LinkedInConnector linkedin;

    @BeforeEach
    void connector() {
        secrets.put("hc-linkedin.access-token", "member-token");
        linkedin = new LinkedInConnector(http, base(), "202506", credentials);
    }

    @Test
    void postsWithTheVersionHeadersAndEscapedCommentaryAndReadsTheUrnFromXRestliId() {
        platform.stubFor(post("/rest/posts").withHeader("Authorization", equalTo("Bearer member-token"))
                .withHeader("Linkedin-Version", equalTo("202506")).withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
                .withRequestBody(equalToJson("""
                        {"author": "urn:li:organization:5515715", "commentary": "Flu clinics \\\\(free\\\\) open Monday \\\\#health",
                         "visibility": "PUBLIC", "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                         "thirdPartyDistributionChannels": []}, "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": false}"""))
                .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:6844785523593134080")));

        assertThat(linkedin.publish(account, request)).isEqualTo(PlatformResult.published("urn:li:share:6844785523593134080",
                "https://www.linkedin.com/feed/update/urn:li:share:6844785523593134080/"));
    }

    @Test
    void aRetiredVersionFailsSayingWhichSettingToChange() {
        // LinkedIn's answer to a version it no longer serves (Marketing API versioning: 426 NONEXISTENT_VERSION).
        platform.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(426).withBody(
                "{\"status\": 426, \"code\": \"NONEXISTENT_VERSION\", \"message\": \"Requested version 20250601 is not active\"}")));

        assertThat(linkedin.publish(account, request).error()).isEqualTo("LinkedIn no longer serves API version 202506 "
                + "(HTTP 426): set crier.linkedin.version to a current one (YYYYMM) and publish the post again");
    }

    @Test
    void duplicatesAndExpiredTokensFailInLinkedInsOwnWords() {
        platform.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(422).withBody(
                "{\"message\": \"Content is a duplicate of urn:li:share:6844785523593134080\", \"status\": 422}")));
        assertThat(linkedin.publish(account, request).error())
                .isEqualTo("linkedin refused the post (HTTP 422): Content is a duplicate of urn:li:share:6844785523593134080");

        platform.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(401).withBody(
                "{\"serviceErrorCode\": 65601, \"code\": \"REVOKED_ACCESS_TOKEN\", \"message\": \"The token used in the request has been revoked by the user\", \"status\": 401}")));
        assertThat(linkedin.publish(account, request).error())
                .isEqualTo("linkedin refused the post (HTTP 401): The token used in the request has been revoked by the user");
    }

    @Test
    void a429WaitsForRetryAfterAndA5xxIsUnknown() {
        platform.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"message\": \"Resource level throttle APPLICATION DAY limit for calls to this resource is reached.\", \"status\": 429}")));
        assertThatThrownBy(() -> linkedin.publish(account, request)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(120)));

        platform.stubFor(post("/rest/posts").willReturn(aResponse().withStatus(504)));
        assertThatThrownBy(() -> linkedin.publish(account, request)).isInstanceOf(PlatformUnreachableException.class);
    }

    @Test
    void aLostAnswerIsLookedForWithTheAuthorFinder() {
        platform.stubFor(get(urlPathEqualTo("/rest/posts")).withQueryParam("q", equalTo("author"))
                .withQueryParam("author", equalTo("urn:li:organization:5515715")).withHeader("X-RestLi-Method", equalTo("FINDER"))
                .willReturn(aResponse().withStatus(200).withBody("{\"elements\": [{\"id\": \"urn:li:share:1\", "
                        + "\"commentary\": \"Flu clinics \\\\(free\\\\) open Monday \\\\#health\", \"author\": \"urn:li:organization:5515715\"}], \"paging\": {}}")));

        assertThat(linkedin.findRecent(account, request)).isEqualTo(PlatformConnector.Lookup.found("urn:li:share:1",
                "https://www.linkedin.com/feed/update/urn:li:share:1/"));
    }

    @Test
    void deletesThePostByItsEncodedUrn() {
        platform.stubFor(delete("/rest/posts/urn%3Ali%3Ashare%3A1").withHeader("X-RestLi-Method", equalTo("DELETE"))
                .willReturn(aResponse().withStatus(204)));

        assertThat(linkedin.delete(account, "urn:li:share:1").deleted()).isTrue();
    }
}
