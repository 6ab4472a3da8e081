package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LinkedIn's versioned Posts API: {@code POST /rest/posts} with {@code Linkedin-Version} (YYYYMM) and
 * {@code X-Restli-Protocol-Version: 2.0.0}, a bearer token (credential {@code access-token}) and the author URN from
 * the account's {@code author} setting (an organization page). The new post's URN comes back in {@code x-restli-id}.
 * Commentary is in LinkedIn's "little text format", so its reserved characters are escaped. A lost answer is settled
 * by the author finder ({@code GET /rest/posts?q=author}).
 */
public final class LinkedInConnector extends HttpConnector {

    public static final String PLATFORM = "linkedin";
    static final int MAX_LENGTH = 3000;
    private static final Pattern RESERVED = Pattern.compile("([\\\\|{}@\\[\\]()<>#*_~])");

    private final String baseUrl;
    private final String version;

    public LinkedInConnector(PlatformHttp http, String baseUrl, String version, CredentialSource credentials) {
        super(http, PLATFORM, MAX_LENGTH, credentials);
        this.baseUrl = trimmed(baseUrl);
        this.version = version;
    }



    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        Map<String, Object> post = Map.of(
                "author", account.setting("author"),
                "commentary", escape(request.text()),
                "visibility", "PUBLIC",
                "distribution", Map.of("feedDistribution", "MAIN_FEED", "targetEntities", List.of(),
                        "thirdPartyDistributionChannels", List.of()),
                "lifecycleState", "PUBLISHED",
                "isReshareDisabledByAuthor", false);
        HttpResponse<String> response = http.sendPost(PLATFORM, account, authorized(account, baseUrl + "/rest/posts")
                .header("Content-Type", "application/json").POST(PlatformHttp.json(post)).build());
        if (PlatformHttp.ok(response)) {
            String urn = response.headers().firstValue("x-restli-id").orElseThrow(() ->
                    new PlatformUnreachableException("LinkedIn answered " + response.statusCode() + " without x-restli-id"));
            return PlatformResult.published(urn, url(urn));
        }
        if (response.statusCode() == 426) {
            return PlatformResult.failed("LinkedIn no longer serves API version " + version + " (HTTP 426): set "
                    + "crier.linkedin.version to a current one (YYYYMM) and publish the post again");
        }
        return PlatformHttp.refused(PLATFORM, response, PlatformHttp.message(response, "message"));
    }

    @Override
    public Lookup findRecent(Account account, PublishRequest request) {
        HttpResponse<String> response = http.send(PLATFORM, account, authorized(account, baseUrl + "/rest/posts?author="
                + PlatformHttp.encode(account.setting("author")) + "&q=author&count=20&sortBy=LAST_MODIFIED")
                .header("X-RestLi-Method", "FINDER").GET().build());
        if (!PlatformHttp.ok(response)) {
            throw new PlatformUnreachableException("LinkedIn refused to list the author's posts (HTTP "
                    + response.statusCode() + "): " + PlatformHttp.message(response, "message"));
        }
        String sent = escape(request.text());
        for (JsonNode post : PlatformHttp.read(PLATFORM, response.body()).path("elements")) {
            if (ContentMatch.same(sent, post.path("commentary").asText(null))) {
                String urn = post.path("id").asText();
                return Lookup.found(urn, url(urn));
            }
        }
        return Lookup.absent();
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        HttpResponse<String> response = http.send(PLATFORM, account,
                authorized(account, baseUrl + "/rest/posts/" + PlatformHttp.encode(platformPostId))
                        .header("X-RestLi-Method", "DELETE").DELETE().build());
        if (PlatformHttp.ok(response) || response.statusCode() == 404) {
            return Deletion.done();
        }
        return Deletion.refused("LinkedIn refused the delete (HTTP " + response.statusCode() + "): "
                + PlatformHttp.message(response, "message"));
    }

    /** Little text format: a reserved character is written with a backslash before it. */
    static String escape(String text) {
        return RESERVED.matcher(text).replaceAll("\\\\$1");
    }

    private HttpRequest.Builder authorized(Account account, String uri) {
        return http.request(uri)
                .header("Authorization", "Bearer " + credentials.require(account, "access-token").value())
                .header("Linkedin-Version", version)
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    private static String url(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }
}
