package dev.crier.platform.console;

import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Over HTTPS the browser keeps the consoles' cookies under the {@code __Host-} prefix: it accepts such a cookie only
 * with Secure, Path=/ and no Domain, so neither a sibling host of the organization's domain nor a plain-HTTP page
 * can plant or overwrite one. The code (and smallrye-jwt, through {@code mp.jwt.token.cookie}) reads the plain
 * names: on an HTTPS request this filter, which runs before anything reads a cookie, turns the prefixed cookies
 * back into them and drops plain-named ones, which could have been planted. Behind a TLS-terminating proxy, HTTPS
 * is what a trusted proxy says it is ({@code quarkus.http.proxy.*}).
 */
@Singleton
public class HostCookies {

    static final String PREFIX = "__Host-";
    /** Ahead of every other filter: the Cookie header must be rewritten before it is first parsed. */
    private static final int PRIORITY = Integer.MAX_VALUE;
    private static final Set<String> NAMES = Set.of(ConsoleSession.COOKIE, CsrfGuard.TOKEN,
            OidcSignInResource.FLOW_COOKIE);

    void register(@Observes Filters filters) {
        filters.register(HostCookies::unwrap, PRIORITY);
    }

    /** The name a console cookie is sent to the browser under. */
    static String name(String cookie, boolean secure) {
        return secure ? PREFIX + cookie : cookie;
    }

    static boolean secure(RoutingContext context) {
        return "https".equals(context.request().scheme());
    }

    private static void unwrap(RoutingContext context) {
        MultiMap headers = context.request().headers();
        if (secure(context) && headers.contains(HttpHeaders.COOKIE)) {
            String cookies = forHttps(String.join("; ", headers.getAll(HttpHeaders.COOKIE)));
            if (cookies.isEmpty()) {
                headers.remove(HttpHeaders.COOKIE);
            } else {
                headers.set(HttpHeaders.COOKIE, cookies);
            }
        }
        context.next();
    }

    /** An HTTPS request's Cookie header as the code reads it: prefixed console cookies renamed, plain ones dropped. */
    static String forHttps(String header) {
        List<Cookie> kept = new ArrayList<>();
        for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
            String name = cookie.name();
            if (name.startsWith(PREFIX) && NAMES.contains(name.substring(PREFIX.length()))) {
                kept.add(new DefaultCookie(name.substring(PREFIX.length()), cookie.value()));
            } else if (!NAMES.contains(name)) {
                kept.add(cookie);
            }
        }
        return kept.isEmpty() ? "" : ClientCookieEncoder.LAX.encode(kept);
    }
}
