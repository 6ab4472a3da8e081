package dev.crier.platform.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The organization's OpenID provider, when one is configured ({@code crier.oidc.client-id}): its endpoints, read
 * once from its discovery document, and the token request that turns an authorization code into tokens. Written
 * on the JDK's HTTP client rather than with quarkus-oidc: smallrye-jwt already verifies every token, API and
 * console alike, against the provider's keys, and a second authentication mechanism would compete with it for the
 * same requests; what remains of the code flow is these two calls.
 */
@ApplicationScoped
public class OidcProvider {

    /** The endpoints a sign-in needs, from {@code <issuer>/.well-known/openid-configuration}. */
    public record Endpoints(String issuer, URI authorization, URI token) {
    }

    /** What the token endpoint answered (RFC 6749 section 5.1; the ID token from OpenID Connect Core 3.1.3.3). */
    public record Tokens(String idToken, String accessToken) {
    }

    /** The provider could not be reached, or answered something a sign-in cannot use. */
    public static class ProviderException extends Exception {
        ProviderException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final String issuer;
    private final String scopes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Endpoints endpoints;

    public OidcProvider(@ConfigProperty(name = "crier.oidc.client-id") Optional<String> clientId,
                        @ConfigProperty(name = "crier.oidc.client-secret") Optional<String> clientSecret,
                        @ConfigProperty(name = "crier.oidc.issuer") String issuer,
                        @ConfigProperty(name = "crier.oidc.scopes") String scopes) {
        this.clientId = clientId.filter(id -> !id.isBlank());
        this.clientSecret = clientSecret.filter(secret -> !secret.isBlank());
        this.issuer = issuer;
        this.scopes = scopes;
    }

    /** Whether the consoles sign people in through the provider rather than with a pasted token. */
    public boolean enabled() {
        return clientId.isPresent();
    }

    public String clientId() {
        return clientId.orElseThrow();
    }

    public String scopes() {
        return scopes;
    }

    /** The issuer the provider's tokens must name; discovery refuses a provider that names another. */
    public String issuer() {
        return issuer;
    }

    /** The provider's endpoints, discovered on first use and kept; a failed discovery is tried again next time. */
    public Endpoints endpoints() throws ProviderException {
        Endpoints known = endpoints;
        if (known == null) {
            URI discovery;
            try {
                discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
            } catch (IllegalArgumentException e) {
                throw new ProviderException("crier.oidc.issuer '" + issuer + "' is not a URL");
            }
            JsonNode document = send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(), "discovery");
            String declared = document.path("issuer").asText("");
            if (!declared.equals(issuer)) {
                // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was fetched for.
                throw new ProviderException("the provider's discovery document names issuer '" + declared
                        + "', not '" + issuer + "'");
            }
            known = new Endpoints(declared, endpoint(document, "authorization_endpoint"), endpoint(document, "token_endpoint"));
            endpoints = known;
        }
        return known;
    }

    /** Exchanges an authorization code for tokens, proving with the PKCE verifier that this is the same browser. */
    public Tokens exchange(String code, String codeVerifier, URI redirectUri) throws ProviderException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints().token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (clientSecret.isPresent()) {
            // client_secret_basic, the default client authentication (OpenID Connect Core 9).
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (encode(clientId()) + ":" + encode(clientSecret.get())).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId());
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        JsonNode answer = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), "token request");
        String idToken = answer.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw new ProviderException("the provider's token response has no id_token (is 'openid' among the scopes?)");
        }
        return new Tokens(idToken, answer.path("access_token").asText(""));
    }

    private JsonNode send(HttpRequest request, String what) throws ProviderException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException("the provider's " + what + " at " + request.uri().getHost() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted during the provider's " + what);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200 || body == null || !body.isObject()) {
            String error = body == null ? "" : (body.path("error").asText("") + " " + body.path("error_description").asText("")).strip();
            throw new ProviderException("the provider's " + what + " answered HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : " (" + error + ")"));
        }
        return body;
    }

    private static URI endpoint(JsonNode document, String name) throws ProviderException {
        String value = document.path(name).asText("");
        if (value.isEmpty()) {
            throw new ProviderException("the provider's discovery document has no " + name);
        }
        return URI.create(value);
    }

    /** application/x-www-form-urlencoded, which client_secret_basic also applies to the id and secret (RFC 6749 2.3.1). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
