package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Facebook Pages through the Graph API: {@code POST /{page-id}/feed} on a versioned base URL (for example
 * {@code https://graph.facebook.com/v23.0}) with the page's access token (credential {@code page-token}) and the
 * page id from the account's {@code page-id} setting. Graph reports throttling as error codes in a 4xx body (4, 17,
 * 32, 613, 80001), not as 429, so those are waited out; code 190 (expired or revoked token) and 506 (duplicate post)
 * fail at once. A lost answer is settled by reading the page's recent posts.
 */
public final class FacebookConnector extends HttpConnector {

    public static final String PLATFORM = "facebook";
    static final int MAX_LENGTH = 63_206;
    private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613, 80001);
    private static final Set<Integer> TRANSIENT = Set.of(1, 2);

    private final String baseUrl;

    public FacebookConnector(PlatformHttp http, String baseUrl, CredentialSource credentials) {
        super(http, PLATFORM, MAX_LENGTH, credentials);
        this.baseUrl = trimmed(baseUrl);
    }



    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        HttpResponse<String> response = http.sendPost(PLATFORM, account,
                authorized(account, baseUrl + "/" + PlatformHttp.encode(account.setting("page-id")) + "/feed")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("message=" + PlatformHttp.encode(request.text()))).build());
        if (PlatformHttp.ok(response)) {
            String id = PlatformHttp.read(PLATFORM, response.body()).path("id").asText(null);
            if (id == null) {
                throw new PlatformUnreachableException("Facebook answered " + response.statusCode() + " without a post id");
            }
            return PlatformResult.published(id, "https://www.facebook.com/" + id);
        }
        checkThrottledOrTransient(response);
        return PlatformHttp.refused(PLATFORM, response, graphError(response));
    }

    @Override
    public Lookup findRecent(Account account, PublishRequest request) {
        HttpResponse<String> response = http.send(PLATFORM, account, authorized(account, baseUrl + "/"
                + PlatformHttp.encode(account.setting("page-id")) + "/posts?fields=id,message,permalink_url&limit=25").GET().build());
        if (!PlatformHttp.ok(response)) {
            throw new PlatformUnreachableException("Facebook refused to list the page's posts (HTTP "
                    + response.statusCode() + "): " + graphError(response));
        }
        for (JsonNode post : PlatformHttp.read(PLATFORM, response.body()).path("data")) {
            if (ContentMatch.same(request.text(), post.path("message").asText(null))) {
                String id = post.path("id").asText();
                return Lookup.found(id, post.path("permalink_url").asText("https://www.facebook.com/" + id));
            }
        }
        return Lookup.absent();
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        HttpResponse<String> response = http.send(PLATFORM, account,
                authorized(account, baseUrl + "/" + PlatformHttp.encode(platformPostId)).DELETE().build());
        if (PlatformHttp.ok(response) && PlatformHttp.read(PLATFORM, response.body()).path("success").asBoolean(false)) {
            return Deletion.done();
        }
        checkThrottledOrTransient(response);
        return Deletion.refused("Facebook refused the delete (HTTP " + response.statusCode() + "): " + graphError(response));
    }

    private void checkThrottledOrTransient(HttpResponse<String> response) {
        int code = PlatformHttp.read(PLATFORM, response.body()).path("error").path("code").asInt(-1);
        if (THROTTLED.contains(code)) {
            // Graph names no reset time in the error; its usage headers give minutes to regain access, else an hour.
            int minutes = usageMinutes(response);
            throw new RetryLaterException("Facebook is throttling the page (code " + code + "): " + graphError(response),
                    http.clock().instant().plus(Duration.ofMinutes(minutes > 0 ? minutes : 60)));
        }
        if (TRANSIENT.contains(code)) {
            throw new PlatformUnreachableException("Facebook had a temporary error (code " + code + "): " + graphError(response));
        }
    }

    private static int usageMinutes(HttpResponse<String> response) {
        for (String header : new String[]{"x-page-usage", "x-business-use-case-usage", "x-app-usage"}) {
            var value = response.headers().firstValue(header);
            if (value.isPresent()) {
                int minutes = PlatformHttp.read(PLATFORM, value.get()).findPath("estimated_time_to_regain_access").asInt(0);
                if (minutes > 0) {
                    return minutes;
                }
            }
        }
        return 0;
    }

    private static String graphError(HttpResponse<String> response) {
        return PlatformHttp.message(response, "error.error_user_msg", "error.message");
    }

    /** The page token goes in the Authorization header rather than the URL, so no proxy or access log records it. */
    private HttpRequest.Builder authorized(Account account, String uri) {
        return http.request(uri).header("Authorization", "Bearer " + credentials.require(account, "page-token").value());
    }
}
