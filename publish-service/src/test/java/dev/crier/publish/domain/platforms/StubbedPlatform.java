package dev.crier.publish.domain.platforms;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A platform played by a local WireMock server that answers as the platform's documentation shows; each connector
 * test stubs the documented requests and responses, including its errors.
 */
abstract class StubbedPlatform {

    static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    WireMockServer platform;
    final List<String> observed = new ArrayList<>();
    final Map<String, String> secrets = new java.util.HashMap<>();
    final CredentialSource credentials = (ref, name) -> Optional.ofNullable(secrets.get(ref + "." + name)).map(Secret::new);
    PlatformHttp http;

    @BeforeEach
    void startPlatform() {
        platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        http = new PlatformHttp(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), TIMEOUT,
                (account, remaining, reset) -> observed.add(account + " " + remaining + " until " + reset),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stopPlatform() {
        platform.stop();
    }

    String base() {
        return "http://127.0.0.1:" + platform.port();
    }

    /** An address where nothing listens: the connection is refused. */
    static String nothingListening() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    static Account account(String platform, String handle, Map<String, String> settings) {
        return new Account(platform, handle, Account.Language.EN, "HC", "hc-" + platform, settings);
    }
}
