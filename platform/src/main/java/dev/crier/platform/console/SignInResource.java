package dev.crier.platform.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.crier.platform.api.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;
import java.time.Clock;

/**
 * The consoles' sign-in. Where an OpenID provider is configured it sends the browser there ({@link
 * OidcSignInResource}); otherwise, as on the local stack, a person pastes one of the role tokens, and the
 * browser keeps it in an HttpOnly, SameSite=Strict cookie that scripts cannot read and other sites cannot send.
 * Every later request is checked like a bearer token (the same key, issuer, audience and expiry).
 */
@Path("/console")
@PermitAll
public class SignInResource {

    private final Template signIn;
    private final JWTParser parser;
    private final Clock clock;
    private final Optional<String> home;
    private final OidcProvider provider;

    public SignInResource(@Location("console/sign-in.html") Template signIn, JWTParser parser, Clock clock,
                          @ConfigProperty(name = "crier.console.home") Optional<String> home, OidcProvider provider) {
        this.signIn = signIn;
        this.parser = parser;
        this.clock = clock;
        this.home = home;
        this.provider = provider;
    }

    /** Where a sign-in lands by default: the service's console, if it has one. */
    @GET
    public Response home() {
        return home.map(path -> Response.seeOther(URI.create(path)).build())
                .orElseThrow(() -> ProblemException.notFound("This service has no console."));
    }

    @GET
    @Path("/sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("next") String next) {
        String target = ConsoleSession.safeNext(next);
        if (provider.enabled()) {
            return Response.seeOther(URI.create(ConsoleSession.providerSignIn(target))).build();
        }
        return Response.ok(page(target, null)).build();
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
        String target = ConsoleSession.safeNext(next);
        if (provider.enabled()) {
            // Where the organization signs people in itself, a pasted token is not a way around it.
            throw ProblemException.notFound("Sign-in here is through the organization's OpenID provider: open "
                    + ConsoleSession.providerSignIn(target) + ".");
        }
        if (token == null || token.isBlank()) {
            return Response.status(400).entity(page(target, "Paste a token to sign in.")).build();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.strip());
        } catch (ParseException e) {
            return Response.status(401)
                    .entity(page(target, "This token was refused: it is expired, or was not issued for this Crier."))
                    .build();
        }
        long lifetime = Math.max(0, jwt.getExpirationTime() - clock.instant().getEpochSecond());
        NewCookie session = ConsoleSession.cookie(token.strip(), (int) lifetime, ConsoleSession.secure(uri));
        return Response.seeOther(URI.create(target)).cookie(session).build();
    }

    @POST
    @Path("/sign-out")
    @Produces(MediaType.TEXT_HTML)
    public Response signOut(@Context UriInfo uri) {
        NewCookie cleared = ConsoleSession.cookie("", 0, ConsoleSession.secure(uri));
        if (provider.enabled()) {
            // A page, not the way back to the provider: the Content-Security-Policy's form-action 'self' stops a
            // form's redirects at this server, and the provider would sign the person straight back in.
            return Response.ok(signIn.data("next", "/console").data("error", null).data("oidc", true)
                    .data("notice", "You are signed out.").data("retry", ConsoleSession.providerSignIn("/console")))
                    .cookie(cleared).build();
        }
        return Response.seeOther(URI.create("/console/sign-in")).cookie(cleared).build();
    }

    private TemplateInstance page(String next, String error) {
        return signIn.data("next", next).data("error", error).data("oidc", false);
    }
}
