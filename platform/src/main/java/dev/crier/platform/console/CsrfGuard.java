package dev.crier.platform.console;

import dev.crier.platform.api.ProblemException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Map;
import java.util.Set;

/**
 * Cross-site request forgery, checked where it can happen: a request that a browser authenticates by the session
 * cookie, and any form post (the sign-in too). Such a request must carry, in the form field {@code crier-csrf} or
 * the {@code X-CSRF-TOKEN} header, the token {@link CsrfToken} put in the page: the {@link CsrfKey} HMAC of its
 * session cookie, or before sign-in of its {@code crier-csrf} cookie.
 * A request with an Authorization header is an API client's: no other site can make a browser send that header, so
 * it is not checked, and a bare {@code curl -d ''} stays an ordinary API call.
 */
public class CsrfGuard {

    static final String TOKEN = "crier-csrf";
    static final String HEADER = "X-CSRF-TOKEN";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final CsrfKey key;

    public CsrfGuard(CsrfKey key) {
        this.key = key;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request) {
        if (!UNSAFE.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        boolean session = request.getCookies().containsKey(ConsoleSession.COOKIE);
        if (!session && !isForm(request.getMediaType())) {
            return null;
        }
        String sent = request.getHeaderString(HEADER);
        if (sent == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(TOKEN, true, false);
            sent = field == null ? null : field.toString();
        }
        if (sent == null || !bindsTo(request.getCookies(), sent)) {
            return ProblemException.of(403, "csrf", "Form token missing or stale",
                    "This form's security token is missing or no longer valid: reload the page and try again.").toResponse();
        }
        return null;
    }

    private boolean bindsTo(Map<String, Cookie> cookies, String sent) {
        Cookie session = cookies.get(ConsoleSession.COOKIE);
        if (session != null) {
            return key.matches(CsrfKey.Binding.SESSION, session.getValue(), sent);
        }
        Cookie browser = cookies.get(TOKEN);
        return browser != null && key.matches(CsrfKey.Binding.BROWSER, browser.getValue(), sent);
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }
}
