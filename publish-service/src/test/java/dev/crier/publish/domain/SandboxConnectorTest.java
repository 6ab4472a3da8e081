package dev.crier.publish.domain;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox connector against a stand-in HTTP server: each kind of answer becomes the right verdict. */
class SandboxConnectorTest {

    final PublishRequest request = new PublishRequest("p-1", "sandbox", "Hello", "en", "p-1:sandbox");
    final AtomicReference<String> received = new AtomicReference<>();
    final AtomicReference<String> keyReceived = new AtomicReference<>();
    HttpServer server;
    int status;
    String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(SandboxConnector.STATUSES_PATH, exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keyReceived.set(exchange.getRequestHeaders().getFirst(SandboxConnector.KEY_HEADER));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createdIsPublishedWithThePlatformsIdAndUrl() {
        status = 201;
        answer = "{\"id\": \"s-1\", \"url\": \"http://sandbox/s-1\"}";

        assertThat(connector().publish(request)).isEqualTo(PlatformResult.published("s-1", "http://sandbox/s-1"));
        assertThat(received.get()).contains("\"text\":\"Hello\"").contains("\"language\":\"en\"")
                .contains("\"idempotencyKey\":\"p-1:sandbox\"");
        assertThat(keyReceived.get()).isEqualTo("secret");
    }

    @Test
    void anAlreadyPostedKeyIsPublishedToo() {
        status = 200;
        answer = "{\"id\": \"s-1\", \"url\": \"http://sandbox/s-1\"}";

        assertThat(connector().publish(request).published()).isTrue();
    }

    @Test
    void aRefusalFailsWithThePlatformsOwnMessage() {
        status = 401;
        answer = "{\"title\": \"Authentication required\", \"detail\": \"Send the key.\"}";

        PlatformResult result = connector().publish(request);

        assertThat(result.published()).isFalse();
        assertThat(result.error()).isEqualTo("sandbox refused the post (HTTP 401): Send the key.");
    }

    @Test
    void aServerErrorLeavesTheAnswerUnknown() {
        status = 503;
        answer = "busy";

        assertThatThrownBy(() -> connector().publish(request)).isInstanceOf(PlatformUnreachableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void noServerLeavesTheAnswerUnknown() {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThatThrownBy(() -> connector(URI.create("http://127.0.0.1:" + port)).publish(request))
                .isInstanceOf(PlatformUnreachableException.class);
    }

    private SandboxConnector connector() {
        return connector(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    private static SandboxConnector connector(URI base) {
        return new SandboxConnector(HttpClient.newHttpClient(), () -> base, "secret", Duration.ofSeconds(5));
    }
}
