package dev.crier.platform.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.crier.platform.api.ProblemException;
import dev.crier.platform.config.NamedRoles;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The consoles' sign-in through the organization's OpenID provider (authorization-code flow with PKCE): start sends
 * the browser to the provider with a fresh {@link AuthorizationRequest} kept in a short-lived cookie; the callback
 * checks the provider's answer against it, exchanges the code, verifies the ID token and the session token, and
 * keeps the session token in the same HttpOnly, SameSite=Strict cookie as the local sign-in.
 */
@Path("/console/oidc")
@PermitAll
public class OidcSignInResource {

    /** Holds the request in flight. SameSite=Lax, not Strict: it must come back on the provider's redirect. */
    static final String FLOW_COOKIE = "crier-oidc";
    private static final int FLOW_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(OidcSignInResource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProvider provider;
    private final JWTParser parser;
    private final JWTAuthContextInfo sessionTokens;
    private final Template signIn;
    private final Template signedIn;
    private final Clock clock;
    private final Optional<URI> redirectUri;
    private final boolean keepIdToken;

    public OidcSignInResource(OidcProvider provider, JWTParser parser, JWTAuthContextInfo sessionTokens,
                              @Location("console/sign-in.html") Template signIn,
                              @Location("console/signed-in.html") Template signedIn, Clock clock,
                              @ConfigProperty(name = "crier.oidc.redirect-uri") Optional<URI> redirectUri,
                              @ConfigProperty(name = "crier.oidc.session-token", defaultValue = "access_token") String sessionToken) {
        this.provider = provider;
        this.parser = parser;
        this.sessionTokens = sessionTokens;
        this.signIn = signIn;
        this.signedIn = signedIn;
        this.clock = clock;
        this.redirectUri = redirectUri;
        this.keepIdToken = "id_token".equals(sessionToken);
    }

    @GET
    @Path("/start")
    @Produces(MediaType.TEXT_HTML)
    public Response start(@QueryParam("next") String next, @Context UriInfo uri) {
        if (!provider.enabled()) {
            throw ProblemException.notFound("No OpenID provider is configured here: sign in at /console/sign-in.");
        }
        AuthorizationRequest request = AuthorizationRequest.start(next, RANDOM);
        try {
            URI authorize = request.uri(provider.endpoints().authorization(), provider.clientId(), callback(uri),
                    provider.scopes());
            return Response.seeOther(authorize).cookie(flowCookie(request.cookieValue(), FLOW_SECONDS, uri)).build();
        } catch (OidcProvider.ProviderException e) {
            return refused(502, request.next(), "The sign-in service cannot be reached right now: " + e.getMessage()
                    + ". Try again in a moment.", uri);
        }
    }

    @GET
    @Path("/callback")
    @Produces(MediaType.TEXT_HTML)
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @QueryParam("error_description") String errorDescription,
                             @CookieParam(FLOW_COOKIE) String flow, @Context UriInfo uri) {
        Optional<AuthorizationRequest> started = AuthorizationRequest.fromCookie(flow);
        if (started.isEmpty() || !started.get().isAnswerTo(state)) {
            // No request of this browser's is waiting for this answer: expired, another browser's, or forged.
            return refused(400, "/console", "This sign-in was not started in this browser, or took longer than "
                    + FLOW_SECONDS / 60 + " minutes. Sign in again.", uri);
        }
        AuthorizationRequest request = started.get();
        if (error != null) {
            return refused(401, request.next(), "The sign-in service did not sign you in: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")") + ".", uri);
        }
        if (code == null || code.isBlank()) {
            return refused(400, request.next(), "The sign-in service sent no authorization code. Sign in again.", uri);
        }
        OidcProvider.Tokens tokens;
        try {
            tokens = provider.exchange(code, request.codeVerifier(), callback(uri));
        } catch (OidcProvider.ProviderException e) {
            return refused(502, request.next(), "The sign-in could not be completed: " + e.getMessage() + ".", uri);
        }
        JsonWebToken id;
        try {
            id = parser.parse(tokens.idToken(), idTokenRules());
        } catch (ParseException e) {
            LOG.warnf("refused an ID token from the provider: %s", e.getMessage());
            return refused(401, request.next(), "The sign-in service's ID token was refused: it is not signed by the "
                    + "provider's key, not issued for this console, or expired.", uri);
        }
        if (!request.nonce().equals(id.getClaim("nonce"))) {
            // OpenID Connect Core 3.1.3.7: the nonce must be the one this request sent, or the token was replayed.
            return refused(401, request.next(), "The sign-in service's ID token answers another sign-in. Sign in again.", uri);
        }
        String sessionToken = keepIdToken ? tokens.idToken() : tokens.accessToken();
        JsonWebToken session;
        try {
            session = parser.parse(sessionToken);
        } catch (ParseException e) {
            LOG.warnf("refused the provider's %s as a session: %s", keepIdToken ? "ID token" : "access token", e.getMessage());
            return refused(401, request.next(), "Crier does not accept the sign-in service's token (its issuer, "
                    + "audience or signing key differs from what this deployment expects).", uri);
        }
        if (NamedRoles.of(session).isEmpty()) {
            return refused(403, request.next(), "You are signed in as " + id.getName()
                    + ", but your account has no Crier role. Ask your administrator for one.", uri);
        }
        long lifetime = Math.max(0, session.getExpirationTime() - clock.instant().getEpochSecond());
        // A page, not a redirect: the browser arrived from the provider's site, and it sends a SameSite=Strict
        // cookie only on a navigation that starts on this site, such as this page's own.
        return Response.ok(signedIn.data("next", request.next()))
                .cookie(ConsoleSession.cookie(sessionToken, (int) lifetime, ConsoleSession.secure(uri)),
                        flowCookie("", 0, uri))
                .build();
    }

    /** The ID token must come from the provider and be meant for this client (OpenID Connect Core 3.1.3.7). */
    private JWTAuthContextInfo idTokenRules() {
        JWTAuthContextInfo rules = new JWTAuthContextInfo(sessionTokens);
        rules.setIssuedBy(provider.issuer());
        rules.setExpectedAudience(Set.of(provider.clientId()));
        return rules;
    }

    private Response refused(int status, String next, String message, UriInfo uri) {
        return Response.status(status)
                .entity(signIn.data("next", next).data("error", message).data("oidc", true)
                        .data("retry", ConsoleSession.providerSignIn(next)))
                .cookie(flowCookie("", 0, uri)).build();
    }

    private URI callback(UriInfo uri) {
        return redirectUri.orElseGet(() -> uri.getBaseUriBuilder().path("/console/oidc/callback").build());
    }

    /** Path=/ rather than /console/oidc: over HTTPS it is a {@code __Host-} cookie, which requires it. */
    private static NewCookie flowCookie(String value, int maxAge, UriInfo uri) {
        boolean secure = ConsoleSession.secure(uri);
        return new NewCookie.Builder(HostCookies.name(FLOW_COOKIE, secure)).value(value).path("/").maxAge(maxAge)
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }

}
