package dev.crier.publish.domain.platforms;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fetches what a post points to (the page behind its link card) from the open internet, and nothing else: https
 * only; only the configured hosts (a name, or {@code *.name} for its subdomains); every address the host resolves
 * to must be public, and the connection goes to exactly those addresses (Apache HttpClient's {@link DnsResolver}: a
 * second DNS answer cannot swap in an internal one); each redirect is checked again from the start; the size is
 * capped; and the type is read from the first bytes, never from the header or the name.
 *
 * <p>The sniffing is written here rather than taken from a library (Apache Tika): the few types Crier accepts have
 * fixed signatures of a few bytes, and a general detector would bring megabytes to tell them apart.
 */
public final class GuardedFetcher implements AutoCloseable {

    /**
     * What may be fetched.
     *
     * @param hosts     host names, or {@code *.example.org} for the subdomains of example.org; nothing else
     * @param addresses which resolved addresses may be connected to ({@link #isPublic} outside tests)
     */
    public record Rules(Set<String> hosts, boolean httpsOnly, long maxBytes, int maxRedirects, Duration timeout,
                        Predicate<InetAddress> addresses) {

        public static Rules publicInternet(Set<String> hosts, long maxBytes, Duration timeout) {
            return new Rules(Set.copyOf(hosts), true, maxBytes, 3, timeout, GuardedFetcher::isPublic);
        }

        boolean allows(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return hosts.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(a -> a.startsWith("*.")
                    ? h.endsWith(a.substring(1)) : h.equals(a));
        }
    }

    /** What was fetched: where it came from at last (after redirects), its sniffed type and its bytes. */
    public record Fetched(URI uri, String type, byte[] body) {
    }

    /** The fetch was refused, or failed: the reason says which rule or what went wrong. */
    public static class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    public static final String HTML = "text/html";

    private final Rules rules;
    private final CloseableHttpClient client;

    public GuardedFetcher(Rules rules) {
        this.rules = rules;
        Timeout timeout = Timeout.of(rules.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(rules.addresses()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * Fetches {@code uri}, following at most {@code maxRedirects} redirects, each checked like the first.
     *
     * @param types the sniffed types accepted ({@link #HTML}, {@code image/png}, ...)
     * @throws RefusedException when a rule refuses it, or it could not be fetched
     */
    public Fetched fetch(URI uri, Set<String> types) {
        URI at = uri;
        for (int hop = 0; hop <= rules.maxRedirects(); hop++) {
            check(at);
            URI current = at;
            Hop answer;
            try {
                answer = client.execute(new HttpGet(current), response -> {
                    Header location = response.getFirstHeader("Location");
                    if (response.getCode() >= 300 && response.getCode() < 400 && location != null) {
                        return new Hop(current.resolve(location.getValue().trim()), null);
                    }
                    if (response.getCode() != 200) {
                        throw new RefusedException(current + " answered HTTP " + response.getCode());
                    }
                    byte[] body = capped(current, response);
                    String type = sniff(body).orElseThrow(() ->
                            new RefusedException(current + " is of a type Crier does not take"));
                    if (!types.contains(type)) {
                        throw new RefusedException(current + " is " + type + ", not " + String.join(" or ", types));
                    }
                    return new Hop(null, new Fetched(current, type, body));
                });
            } catch (IOException | IllegalArgumentException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof AddressRefused refused) {
                        throw new RefusedException(refused.getMessage());
                    }
                }
                throw new RefusedException("could not fetch " + current + ": " + e);
            }
            if (answer.fetched() != null) {
                return answer.fetched();
            }
            at = answer.next();
        }
        throw new RefusedException("more than " + rules.maxRedirects() + " redirects from " + uri);
    }

    /** One request's answer: where it redirects to, or what it gave. */
    private record Hop(URI next, Fetched fetched) {
    }

    private byte[] capped(URI at, ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new RefusedException(at + " answered without a body");
        }
        if (entity.getContentLength() > rules.maxBytes()) {
            throw new RefusedException(at + " is " + entity.getContentLength() + " bytes, over " + rules.maxBytes());
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, rules.maxBytes() + 1));
            if (body.length > rules.maxBytes()) {
                throw new RefusedException(at + " is over " + rules.maxBytes() + " bytes");
            }
            return body;
        }
    }

    private void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (rules.httpsOnly() || !scheme.equals("http"))) {
            throw new RefusedException("only https is fetched, not " + uri);
        }
        if (uri.getHost() == null || !rules.allows(uri.getHost())) {
            throw new RefusedException((uri.getHost() == null ? "no host" : uri.getHost()) + " is not among the hosts "
                    + "Crier may fetch from (crier.publish.fetch.allowed-hosts)");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedException("a link with a user name or password is not fetched: " + uri.getHost());
        }
    }

    /** The type the first bytes show: the images a post may carry, or an HTML page. */
    static Optional<String> sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return Optional.of("image/gif");
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.of("image/webp");
        }
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "")
                .stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")) {
            return Optional.of(HTML);
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] b, int... signature) {
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an address is on the public internet: not loopback, unspecified, private (RFC 1918), link-local (cloud
     * metadata at 169.254.169.254), shared (RFC 6598), multicast, reserved or documentation ranges, IPv6
     * unique-local, nor an IPv4 address of those inside IPv6 (mapped, NAT64).
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            int b2 = a[2] & 0xFF;
            return !(b0 == 0 || b0 >= 240                                 // this network; reserved and broadcast
                    || (b0 == 100 && b1 >= 64 && b1 < 128)                // shared address space (carrier NAT)
                    || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))     // IETF protocol assignments; TEST-NET-1
                    || (b0 == 198 && (b1 == 18 || b1 == 19))              // benchmarking
                    || (b0 == 198 && b1 == 51 && b2 == 100)               // TEST-NET-2
                    || (b0 == 203 && b1 == 0 && b2 == 113));              // TEST-NET-3
        }
        if (address instanceof Inet6Address) {
            if ((a[0] & 0xFE) == 0xFC) {
                return false;                                             // unique local fc00::/7
            }
            if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x01 && (a[2] & 0xFF) == 0x0D && (a[3] & 0xFF) == 0xB8) {
                return false;                                             // documentation 2001:db8::/32
            }
            boolean mapped = Arrays.equals(Arrays.copyOf(a, 12), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF});
            boolean nat64 = Arrays.equals(Arrays.copyOf(a, 12), new byte[] {0, 0x64, (byte) 0xFF, (byte) 0x9B, 0, 0, 0, 0, 0, 0, 0, 0});
            boolean compatible = Arrays.equals(Arrays.copyOf(a, 12), new byte[12]);
            if (mapped || nat64 || compatible) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(a, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A resolved address the rules refuse: no connection is made. */
    private static final class AddressRefused extends UnknownHostException {
        AddressRefused(String message) {
            super(message);
        }
    }

    /** Resolves as the system does, and hands the connection only addresses the rules allow. */
    private record CheckedResolver(Predicate<InetAddress> allowed) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : all) {
                if (!allowed.test(address)) {
                    throw new AddressRefused(host + " resolves to " + address.getHostAddress()
                            + ", which is not a public address: not fetched");
                }
            }
            return all;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
