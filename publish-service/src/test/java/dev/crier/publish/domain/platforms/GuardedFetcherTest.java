package dev.crier.publish.domain.platforms;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.crier.publish.domain.platforms.GuardedFetcher.Fetched;
import dev.crier.publish.domain.platforms.GuardedFetcher.RefusedException;
import dev.crier.publish.domain.platforms.GuardedFetcher.Rules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard against a server on this machine. The tests' rules let the fetcher connect to 127.0.0.1, the server's
 * address, and to nothing else that is not public: so a redirect to another loopback address (127.0.0.2) or to a
 * private one is refused as in production, before any connection.
 */
class GuardedFetcherTest {

    static final String PAGE = "<!DOCTYPE html><html><head><title>Flu clinics</title></head></html>";

    WireMockServer site;
    GuardedFetcher fetcher;

    @BeforeEach
    void start() {
        site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
        fetcher = new GuardedFetcher(new Rules(Set.of("127.0.0.1", "*.gc.ca"), false, 1024, 2, Duration.ofSeconds(2),
                a -> GuardedFetcher.isPublic(a) || a.getHostAddress().equals("127.0.0.1")));
    }

    @AfterEach
    void stop() throws Exception {
        fetcher.close();
        site.stop();
    }

    URI at(String path) {
        return URI.create("http://127.0.0.1:" + site.port() + path);
    }

    @Test
    void fetchesAnAllowedPageAndTellsItsTypeFromItsBytesNotItsHeader() {
        site.stubFor(get("/flu").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PAGE)));

        Fetched page = fetcher.fetch(at("/flu"), Set.of(GuardedFetcher.HTML));

        assertThat(page.type()).isEqualTo("text/html");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
    }

    @Test
    void followsARedirectAndChecksWhereItLeads() {
        site.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        site.stubFor(get("/new").willReturn(aResponse().withStatus(200).withBody(PAGE)));
        assertThat(fetcher.fetch(at("/old"), Set.of(GuardedFetcher.HTML)).uri()).isEqualTo(at("/new"));

        // To another loopback address: never connected to. To a host not allowed: the same.
        site.stubFor(get("/to-loopback").willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:" + site.port() + "/")));
        assertThatThrownBy(() -> fetcher.fetch(at("/to-loopback"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("127.0.0.2 is not among the hosts");
        site.stubFor(get("/to-metadata").willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254.nip.io/latest")));
        assertThatThrownBy(() -> fetcher.fetch(at("/to-metadata"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not among the hosts");

        site.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        assertThatThrownBy(() -> fetcher.fetch(at("/loop"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("more than 2 redirects");
    }

    @Test
    void anAllowedNameThatResolvesToAPrivateAddressIsNeverConnectedTo() {
        GuardedFetcher production = new GuardedFetcher(Rules.publicInternet(Set.of("localhost", "127.0.0.1"), 1024,
                Duration.ofSeconds(2)));
        assertThatThrownBy(() -> production.fetch(URI.create("https://localhost:" + site.port() + "/flu"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not a public address");
        assertThatThrownBy(() -> production.fetch(URI.create("https://127.0.0.1:" + site.port() + "/flu"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not a public address");
        site.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void plainHttpIsRefusedInProductionRulesAndSoAreCredentialsInTheLink() {
        GuardedFetcher production = new GuardedFetcher(Rules.publicInternet(Set.of("www.canada.ca"), 1024, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> production.fetch(URI.create("http://www.canada.ca/en.html"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("only https");
        assertThatThrownBy(() -> production.fetch(URI.create("file:///etc/passwd"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("only https");
        assertThatThrownBy(() -> production.fetch(URI.create("https://admin:secret@www.canada.ca/"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("user name or password");
    }

    @Test
    void tooLargeOrOfAnotherTypeIsRefused() {
        site.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("<html>" + "x".repeat(2000))));
        assertThatThrownBy(() -> fetcher.fetch(at("/big"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("over 1024");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
        site.stubFor(get("/page.html").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(png)));
        assertThatThrownBy(() -> fetcher.fetch(at("/page.html"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("is image/png, not text/html");

        site.stubFor(get("/script").willReturn(aResponse().withStatus(200).withBody("alert(1)")));
        assertThatThrownBy(() -> fetcher.fetch(at("/script"), Set.of(GuardedFetcher.HTML)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("type Crier does not take");
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "192.0.0.8", "198.18.0.1", "255.255.255.255", "224.0.0.1", "::1", "::",
                "fe80::1", "fd00:ec2::254", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2001:db8::1"}) {
            assertThat(GuardedFetcher.isPublic(InetAddress.getByName(internal))).as(internal).isFalse();
        }
        for (String open : new String[] {"205.193.117.158", "8.8.8.8", "2620:0:2d0:200::7", "::ffff:8.8.8.8"}) {
            assertThat(GuardedFetcher.isPublic(InetAddress.getByName(open))).as(open).isTrue();
        }
    }
}
