package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox connector against a stub; the real sandbox is exercised by the service's own tests. */
class SandboxConnectorTest extends StubbedPlatform {

    final Account account = account("sandbox", "hc-sandbox", Map.of());
    final PublishRequest request = new PublishRequest("p-1", "sandbox", "Hello\n\nBonjour", List.of("en", "fr"), "p-1:sandbox");
    SandboxConnector sandbox;

    @BeforeEach
    void connector() {
        sandbox = new SandboxConnector(http, () -> URI.create(base() + "/"), () -> "secret");
    }

    @Test
    void createdOrAlreadyPostedIsPublishedWithThePlatformsIdAndUrl() {
        platform.stubFor(post("/sandbox/api/statuses").withHeader("X-Sandbox-Key", equalTo("secret"))
                .withRequestBody(equalToJson("{\"text\": \"Hello\\n\\nBonjour\", \"language\": \"en,fr\", \"idempotencyKey\": \"p-1:sandbox\"}"))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\": \"s-1\", \"url\": \"http://sandbox/s-1\"}")));

        assertThat(sandbox.publish(account, request)).isEqualTo(PlatformResult.published("s-1", "http://sandbox/s-1"));
    }

    @Test
    void refusalsFailWithTheProblemsDetailAndOutagesAreUnknownOrRetried() throws Exception {
        platform.stubFor(post("/sandbox/api/statuses").willReturn(aResponse().withStatus(401)
                .withBody("{\"title\": \"Authentication required\", \"detail\": \"Send the key.\"}")));
        assertThat(sandbox.publish(account, request).error()).isEqualTo("sandbox refused the post (HTTP 401): Send the key.");

        platform.stubFor(post("/sandbox/api/statuses").willReturn(aResponse().withStatus(503).withBody("busy")));
        assertThatThrownBy(() -> sandbox.publish(account, request)).isInstanceOf(PlatformUnreachableException.class).hasMessageContaining("503");

        String nowhere = nothingListening();
        assertThatThrownBy(() -> new SandboxConnector(http, () -> URI.create(nowhere), () -> "secret").publish(account, request))
                .isInstanceOf(RetryLaterException.class);
    }

    @Test
    void deletes() {
        platform.stubFor(delete("/sandbox/api/statuses/s-1").willReturn(aResponse().withStatus(204)));

        assertThat(sandbox.delete(account, "s-1").deleted()).isTrue();
    }
}
