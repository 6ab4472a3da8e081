package dev.crier.platform.console;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The console's session cookie and where a sign-in may send the browser back to. */
public final class ConsoleSession {

    /**
     * Also named in microprofile-config.properties ({@code mp.jwt.token.cookie}), which reads the token from it.
     * Over HTTPS the browser holds it as {@code __Host-crier-session} ({@link HostCookies}).
     */
    public static final String COOKIE = "crier-session";

    private ConsoleSession() {
    }

    static NewCookie cookie(String token, int maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(HostCookies.name(COOKIE, secure)).value(token).path("/").maxAge(maxAgeSeconds)
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).build();
    }

    /**
     * Whether the browser reached us over HTTPS, so that the cookies are marked Secure and named {@code __Host-};
     * behind a TLS-terminating proxy, as a trusted proxy says ({@code quarkus.http.proxy.*}).
     */
    static boolean secure(UriInfo uri) {
        return "https".equals(uri.getBaseUri().getScheme());
    }

    /** Where a sign-in through the OpenID provider starts, returning to {@code next}. */
    static String providerSignIn(String next) {
        return "/console/oidc/start?next=" + URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8);
    }

    /** Only a path on this server: an open redirect to another site would make the sign-in a phishing tool. */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/console";
        }
        return next;
    }
}
