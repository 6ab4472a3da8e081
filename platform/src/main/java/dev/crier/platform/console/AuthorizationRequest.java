package dev.crier.platform.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One OIDC authorization-code sign-in in flight (OpenID Connect Core 1.0, section 3.1, with PKCE, RFC 7636): the
 * {@code state} that ties the provider's answer to this browser, the {@code nonce} that ties the ID token to this
 * request, the PKCE code verifier that only this browser's cookie holds, and the console page to return to.
 */
public record AuthorizationRequest(String state, String nonce, String codeVerifier, String next) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern RANDOM_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    public AuthorizationRequest {
        next = ConsoleSession.safeNext(next);
    }

    /** A new request with fresh random values (256 bits each; RFC 7636 asks for at least 256 for the verifier). */
    public static AuthorizationRequest start(String next, SecureRandom random) {
        return new AuthorizationRequest(randomValue(random), randomValue(random), randomValue(random), next);
    }

    /** The S256 code challenge: BASE64URL(SHA-256(ASCII(code_verifier))). */
    public String codeChallenge() {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Where to send the browser: the provider's authorization endpoint with this request's parameters. */
    public URI uri(URI authorizationEndpoint, String clientId, URI redirectUri, String scopes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri.toString());
        params.put("scope", scopes);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", codeChallenge());
        params.put("code_challenge_method", "S256");
        String query = params.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String endpoint = authorizationEndpoint.toString();
        return URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
    }

    /** Whether the provider's answer carries this request's state (compared in constant time). */
    public boolean isAnswerTo(String answeredState) {
        return answeredState != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                answeredState.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cookie value that keeps this request in the browser until the provider sends it back. */
    public String cookieValue() {
        return state + "." + nonce + "." + codeVerifier + "." + BASE64URL.encodeToString(next.getBytes(StandardCharsets.UTF_8));
    }

    /** The request a cookie holds, or empty when the cookie is missing or not one of ours. */
    public static Optional<AuthorizationRequest> fromCookie(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        if (parts.length != 4 || !RANDOM_VALUE.matcher(parts[0]).matches() || !RANDOM_VALUE.matcher(parts[1]).matches()
                || !RANDOM_VALUE.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        try {
            String next = new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8);
            return Optional.of(new AuthorizationRequest(parts[0], parts[1], parts[2], next));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static String randomValue(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
