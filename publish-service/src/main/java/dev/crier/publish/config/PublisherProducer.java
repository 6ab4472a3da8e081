package dev.crier.publish.config;

import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishLedger;
import dev.crier.publish.domain.Publisher;
import dev.crier.publish.domain.SandboxConnector;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform connectors and the publisher that uses them. A new platform is one more producer (or bean) of a
 * {@link PlatformConnector} here: the publisher finds every connector by its platform name.
 */
public class PublisherProducer {

    @Produces
    @Singleton
    SandboxConnector sandbox(SandboxApiKey key, HttpServer server,
                             @ConfigProperty(name = "crier.sandbox.base-url") Optional<URI> baseUrl,
                             @ConfigProperty(name = "crier.sandbox.timeout", defaultValue = "10s") Duration timeout) {
        Supplier<URI> base = baseUrl.<Supplier<URI>>map(url -> () -> url).orElse(() -> ownAddress(server));
        return new SandboxConnector(HttpClient.newBuilder().connectTimeout(timeout).build(), base, key.value(), timeout);
    }

    @Produces
    @Singleton
    Publisher publisher(PublishLedger ledger, @Any Instance<PlatformConnector> connectors) {
        Map<String, PlatformConnector> byPlatform = new LinkedHashMap<>();
        for (PlatformConnector connector : connectors) {
            if (byPlatform.putIfAbsent(connector.platform(), connector) != null) {
                throw new IllegalStateException("two connectors for platform '" + connector.platform() + "'");
            }
        }
        return new Publisher(ledger, byPlatform);
    }

    /**
     * The sandbox is this service's own HTTP server. Its port is read at each call rather than from configuration,
     * because with port 0 (tests) it is only known once the server listens.
     */
    private static URI ownAddress(HttpServer server) {
        int port = server.getPort();
        if (port <= 0) {
            throw new PlatformUnreachableException("the HTTP server is not listening yet");
        }
        return URI.create("http://127.0.0.1:" + port);
    }
}
