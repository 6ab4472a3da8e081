package dev.crier.platform.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The headers that keep a browser from turning the consoles against their users, on every response: no script
 * at all and styles only from this server (the pages are server-rendered and need none; an injected script would
 * not run), no framing (clickjacking), forms only back to this server, no Referer leaving it (a page's address
 * can name a post), no content sniffing, and HSTS once the request came over HTTPS, directly or through a trusted
 * proxy. Not the policy under /q/: Quarkus's own Swagger UI needs inline scripts.
 */
@Singleton
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** A year, the usual minimum for HSTS; without includeSubDomains, which would bind the organization's other hosts. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
    private static final int PRIORITY = Integer.MAX_VALUE - 1;

    void register(@Observes Filters filters) {
        filters.register(SecurityHeaders::add, PRIORITY);
    }

    private static void add(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (!context.normalizedPath().startsWith("/q/")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        if (HostCookies.secure(context)) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        context.next();
    }
}
