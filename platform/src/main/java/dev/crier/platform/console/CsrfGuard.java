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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Cross-site request forgery, checked where it can happen: a request that a browser authenticates by the session
 * cookie, and any form post (the sign-in too). Such a request must carry the CSRF token that {@link CsrfToken} put
 * in the {@code crier-csrf} cookie, in the form field of that name or the {@code X-CSRF-TOKEN} header (double submit).
 * A request with an Authorization header is an API client's: no other site can make a browser send that header, so
 * it is not checked, and a bare {@code curl -d ''} stays an ordinary API call.
 */
public class CsrfGuard {

    static final String TOKEN = "crier-csrf";
    static final String HEADER = "X-CSRF-TOKEN";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

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
        Cookie expected = request.getCookies().get(TOKEN);
        String sent = request.getHeaderString(HEADER);
        if (sent == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(TOKEN, true, false);
            sent = field == null ? null : field.toString();
        }
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getValue().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            return ProblemException.of(403, "csrf", "Form token missing or stale",
                    "This form's security token is missing or no longer valid: reload the page and try again.").toResponse();
        }
        return null;
    }

    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }
}
