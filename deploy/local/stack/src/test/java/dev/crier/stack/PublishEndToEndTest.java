package dev.crier.stack;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing across the real stack: a draft for the sandbox, Mastodon and X, where Mastodon and X are local stubs
 * of their documented APIs and X refuses the account's expired token. The post ends PARTIALLY_PUBLISHED with exactly
 * one post on each working platform, and X's own message in its result.
 */
class PublishEndToEndTest {

    static final Duration FLOW = Duration.ofSeconds(90);
    static WireMockServer platforms;
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        platforms = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platforms.start();
        String stubs = "http://127.0.0.1:" + platforms.port();
        platforms.stubFor(get("/api/v2/instance").willReturn(aResponse().withStatus(200)
                .withBody("{\"configuration\": {\"statuses\": {\"max_characters\": 500, \"characters_reserved_per_url\": 23}}}")));
        platforms.stubFor(post("/api/v1/statuses").withHeader("Authorization", equalTo("Bearer mastodon-token"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"110\", \"url\": \"" + stubs + "/@esdc/110\"}")));
        platforms.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Unauthorized\", \"type\": \"about:blank\", \"status\": 401, \"detail\": \"Unauthorized\"}")));

        Path root = SharedStack.root();
        Path data = Files.createTempDirectory("crier-publish-e2e-");
        Path accounts = Files.writeString(data.resolve("accounts.yaml"), """
                accounts:
                  - {platform: sandbox, handle: esdc-sandbox, language: bilingual, department: ESDC, credentials: sandbox}
                  - {platform: mastodon, handle: esdc, language: en, department: ESDC, credentials: esdc-mastodon,
                     settings: {instance: "%s"}}
                  - {platform: x, handle: ESDC_GC, language: en, department: ESDC, credentials: esdc-x}
                """.formatted(stubs));
        StackConfig config = StackConfig.onFreePorts(root, data).withServiceEnv("publish", Map.of(
                "CRIER_ACCOUNTS_FILE", accounts.toString(),
                "CRIER_X_BASE_URL", stubs,
                "CRIER_CREDENTIALS_ESDC_MASTODON_ACCESS_TOKEN", "mastodon-token",
                "CRIER_CREDENTIALS_ESDC_X_ACCESS_TOKEN", "expired-token"));
        stack = LocalStack.start(config, line -> System.out.println("[publish-e2e] " + line));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (platforms != null) {
            platforms.stop();
        }
    }

    @Test
    void threePlatformsOneFailingEndPartiallyPublishedWithOnePostOnEachWorkingPlatform() {
        String id = given(as("submitter")).contentType(ContentType.JSON).body("""
                        {"text": "Employment Insurance payments arrive Thursday.",
                         "translations": {"fr": "Les paiements d'assurance-emploi arrivent jeudi."},
                         "platforms": ["sandbox", "mastodon", "x"], "author": {"id": "u-e2e", "department": "ESDC"}}""")
                .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().path("id");

        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                        .extract().<String>path("status")).isEqualTo("PARTIALLY_PUBLISHED"));

        var draft = given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().extract().jsonPath();
        assertThat(draft.getList("publishResults.platform", String.class)).containsExactly("sandbox", "mastodon", "x");
        assertThat(draft.getList("publishResults.state", String.class)).containsExactly("PUBLISHED", "PUBLISHED", "FAILED");
        assertThat(draft.getString("publishResults[2].error")).isEqualTo("x refused the post (HTTP 401): Unauthorized");

        List<Map<String, Object>> sandbox = given(as("ops")).queryParam("postId", id).get(url("publish") + "/v1/sandbox/posts")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(sandbox).hasSize(1);
        assertThat(sandbox.get(0).get("text")).isEqualTo(
                "Employment Insurance payments arrive Thursday.\n\nLes paiements d'assurance-emploi arrivent jeudi.");
        platforms.verify(1, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withHeader("Idempotency-Key", equalTo(id + ":mastodon")));
        platforms.verify(1, postRequestedFor(urlEqualTo("/2/tweets")));
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(stack.infra().tokens().issue(role));
    }

    static String url(String service) {
        return stack.service(service).url();
    }
}
