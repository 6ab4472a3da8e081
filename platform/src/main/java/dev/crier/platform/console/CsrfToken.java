package dev.crier.platform.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of the browser at hand, for console forms: {@code <input type="hidden"
 * name="{inject:csrf.parameterName}" value="{inject:csrf.token}">}: the {@link CsrfKey} HMAC of the browser's
 * session cookie, or, before sign-in, of a random HttpOnly, SameSite=Strict cookie made on first use; {@link
 * CsrfGuard} checks it. Written here rather than with quarkus-rest-csrf, whose check refuses every cookie-less
 * POST, API clients' included, with a bare 400, and whose token is not bound to the session.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private final RoutingContext request;
    private final CsrfKey key;
    private String token;

    public CsrfToken(RoutingContext request, CsrfKey key) {
        this.request = request;
        this.key = key;
    }

    public String getParameterName() {
        return CsrfGuard.TOKEN;
    }

    public String getToken() {
        if (token == null) {
            Cookie session = request.request().getCookie(ConsoleSession.COOKIE);
            token = session != null ? key.token(CsrfKey.Binding.SESSION, session.getValue())
                    : key.token(CsrfKey.Binding.BROWSER, browserCookie());
        }
        return token;
    }

    private String browserCookie() {
        Cookie sent = request.request().getCookie(CsrfGuard.TOKEN);
        if (sent != null && isWellFormed(sent.getValue())) {
            return sent.getValue();
        }
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        boolean secure = HostCookies.secure(request);
        request.response().addCookie(Cookie.cookie(HostCookies.name(CsrfGuard.TOKEN, secure), value).setPath("/")
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure));
        return value;
    }

    private static boolean isWellFormed(String value) {
        return value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
