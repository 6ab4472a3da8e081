package dev.crier.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local OpenID provider for tests of the consoles' sign-in, following OpenID Connect Core 1.0 and Discovery 1.0
 * with PKCE (RFC 7636): a discovery document, an authorization endpoint that signs in whoever the test names (no
 * login page), a token endpoint that checks the code, redirect URI, client secret and code verifier as a real
 * provider does, and the JWKS its RS256 tokens verify with. Like the platform stubs, it stands in for a service
 * outside Crier; Crier's own code meets it only over HTTP.
 */
public final class OpenIdProviderStub implements AutoCloseable {

    /** Whom the authorization endpoint signs in next, and with which roles ({@code groups}). */
    public record Person(String subject, Set<String> roles) {
    }

    private record Grant(String clientId, String redirectUri, String challenge, String nonce, Person person) {
    }

    /** What is wrong with the next ID tokens, as tests of the console's checks need them. */
    public enum IdTokenFlaw {
        /** Issued for another client: the audience is not the console's client id. */
        OTHER_AUDIENCE,
        /** Issued by another issuer than the one discovered. */
        OTHER_ISSUER,
        /** Expired an hour ago. */
        EXPIRED,
        /** Signed by a key that is not in the provider's key set. */
        UNKNOWN_KEY
    }

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final String accessAudience;
    private final RsaJsonWebKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Person person;
    private volatile String refusal;
    private volatile String forcedNonce;
    private volatile IdTokenFlaw flaw;
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private volatile boolean loginPage;
    private volatile Map<String, String> lastAuthorization = Map.of();

    /**
     * A provider on a free loopback port that knows one client (confidential, or public with PKCE alone when
     * {@code clientSecret} is null), issuing access tokens for {@code accessAudience}.
     */
    public OpenIdProviderStub(String clientId, String clientSecret, String accessAudience) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessAudience = accessAudience;
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("stub-" + UUID.randomUUID());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException e) {
            throw new IllegalStateException("could not make the stub provider's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize/continue", this::continueSignIn);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return issuer() + "/jwks";
    }

    /**
     * What a service needs to sign people in through this provider, as Quarkus properties: the console's client, and
     * every token (API and console alike) verified with this provider's keys and issuer.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("crier.oidc.client-id", clientId);
        if (clientSecret != null) {
            config.put("crier.oidc.client-secret", clientSecret);
        }
        config.put("mp.jwt.verify.issuer", issuer());
        config.put("mp.jwt.verify.publickey.location", jwksUri());
        config.put("mp.jwt.verify.audiences", accessAudience);
        return config;
    }

    /** The next sign-ins are this person's. */
    public void signInAs(String subject, Set<String> roles) {
        person = new Person(subject, Set.copyOf(roles));
        refusal = null;
        forcedNonce = null;
        flaw = null;
    }

    /**
     * Whether the authorization endpoint shows a page whose button (id {@code continue}) the person presses, as a
     * provider does when it has no session of its own; otherwise it answers at once, as with a single sign-on session.
     */
    public void showLoginPage(boolean show) {
        loginPage = show;
    }

    /** The next sign-ins are refused with this OAuth error code (for example {@code access_denied}). */
    public void refuseWith(String error) {
        refusal = error;
    }

    /** The next ID tokens carry this nonce instead of the request's: a replayed token, as a test needs one. */
    public void forceNonce(String nonce) {
        forcedNonce = nonce;
    }

    /** The next ID tokens have this flaw (until the next {@link #signInAs}). */
    public void flawIdTokens(IdTokenFlaw flaw) {
        this.flaw = flaw;
    }

    /** The parameters of the last authorization request, as the browser brought them. */
    public Map<String, String> lastAuthorization() {
        return lastAuthorization;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String iss = issuer();
        json(exchange, 200, "{\"issuer\":\"" + iss + "\",\"authorization_endpoint\":\"" + iss + "/authorize\","
                + "\"token_endpoint\":\"" + iss + "/token\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
        lastAuthorization = Map.copyOf(params);
        String redirect = params.get("redirect_uri");
        if (!clientId.equals(params.get("client_id")) || redirect == null) {
            // Core 3.1.2.6: with no trustworthy redirect URI, the provider shows the error itself.
            json(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"unknown client or no redirect_uri\"}");
            return;
        }
        String state = params.getOrDefault("state", "");
        String answer;
        if (!"code".equals(params.get("response_type")) || !"S256".equals(params.get("code_challenge_method"))
                || !params.getOrDefault("scope", "").contains("openid")) {
            answer = "error=invalid_request&error_description=" + encode("code flow with S256 PKCE and scope openid only");
        } else if (refusal != null || person == null) {
            answer = "error=" + encode(refusal == null ? "login_required" : refusal)
                    + "&error_description=" + encode("the person did not sign in");
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(code, new Grant(clientId, redirect, params.get("code_challenge"), params.get("nonce"), person));
            answer = "code=" + code;
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + answer + "&state=" + encode(state);
        if (loginPage) {
            // As a provider does without a session of its own: its page, whose button sends the browser back.
            String ticket = UUID.randomUUID().toString();
            pending.put(ticket, location);
            html(exchange, "<!DOCTYPE html><html lang=\"en\"><title>Sign in</title><form method=\"post\" "
                    + "action=\"/authorize/continue\"><input type=\"hidden\" name=\"ticket\" value=\"" + ticket
                    + "\"><button id=\"continue\" type=\"submit\">Continue</button></form></html>");
            return;
        }
        redirect(exchange, location);
    }

    private void continueSignIn(HttpExchange exchange) throws IOException {
        String location = pending.remove(form(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)).getOrDefault("ticket", ""));
        if (location == null) {
            html(exchange, "<!DOCTYPE html><p>This sign-in page has expired.</p>");
            return;
        }
        redirect(exchange, location);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void html(HttpExchange exchange, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean client = clientSecret == null ? clientId.equals(params.get("client_id"))
                : ("Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                        .getBytes(StandardCharsets.UTF_8))).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!client) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = params.get("code") == null ? null : codes.remove(params.get("code"));
        if (!"authorization_code".equals(params.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(params.get("redirect_uri"))
                || !challenge(params.getOrDefault("code_verifier", "")).equals(grant.challenge())) {
            // RFC 6749 5.2 and RFC 7636 4.6: a code is used once, by the client it was issued to, with its verifier.
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Person who = grant.person();
        String idToken = idToken(who, forcedNonce != null ? forcedNonce : grant.nonce());
        String accessToken = sign(claims(who, accessAudience, Map.of("groups", List.copyOf(who.roles()))), key);
        json(exchange, 200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + idToken + "\"}");
    }

    private String idToken(Person who, String nonce) {
        IdTokenFlaw flaw = this.flaw;
        JwtClaims claims = claims(who, flaw == IdTokenFlaw.OTHER_AUDIENCE ? "another-client" : clientId,
                Map.of("nonce", nonce));
        if (flaw == IdTokenFlaw.OTHER_ISSUER) {
            claims.setIssuer("https://elsewhere.example");
        }
        if (flaw == IdTokenFlaw.EXPIRED) {
            NumericDate anHourAgo = NumericDate.now();
            anHourAgo.addSeconds(-3600);
            claims.setExpirationTime(anHourAgo);
        }
        if (flaw != IdTokenFlaw.UNKNOWN_KEY) {
            return sign(claims, key);
        }
        try {
            // Another key under the provider's key id: only the signature tells them apart.
            RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId(key.getKeyId());
            return sign(claims, stranger);
        } catch (JoseException e) {
            throw new IllegalStateException("could not make a stranger's key", e);
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        json(exchange, 200, new JsonWebKeySet(key).toJson());
    }

    private JwtClaims claims(Person who, String audience, Map<String, Object> extra) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setAudience(audience);
        claims.setSubject(who.subject());
        claims.setClaim("preferred_username", who.subject());
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(3600);
        claims.setExpirationTime(expiry);
        extra.forEach(claims::setClaim);
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
