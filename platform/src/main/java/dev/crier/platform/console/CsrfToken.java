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
 * name="{inject:csrf.parameterName}" value="{inject:csrf.token}">}. The browser keeps it in an HttpOnly,
 * SameSite=Strict cookie, made on first use; {@link CsrfGuard} checks that a form sends back the same value
 * (double submit). Written here rather than with quarkus-rest-csrf, whose check refuses every cookie-less POST,
 * API clients' included, with a bare 400.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private final RoutingContext request;
    private String token;

    public CsrfToken(RoutingContext request) {
        this.request = request;
    }

    public String getParameterName() {
        return CsrfGuard.TOKEN;
    }

    public String getToken() {
        if (token == null) {
            Cookie sent = request.request().getCookie(CsrfGuard.TOKEN);
            if (sent != null && isWellFormed(sent.getValue())) {
                token = sent.getValue();
            } else {
                byte[] bytes = new byte[BYTES];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.response().addCookie(Cookie.cookie(CsrfGuard.TOKEN, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure("https".equals(request.request().scheme())));
            }
        }
        return token;
    }

    private static boolean isWellFormed(String value) {
        return value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
