package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.TwitterTextParser;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * X API v2: {@code POST /2/tweets} with an OAuth 2.0 user access token (credential {@code access-token}), its text
 * counted by twitter-text (280 weighted characters). X has no idempotency key, so a lost answer is settled by reading
 * the account's recent posts ({@code GET /2/users/{id}/tweets}); the user id comes from the {@code user-id} setting or
 * {@code GET /2/users/me}.
 */
public final class XConnector extends HttpConnector {

    public static final String PLATFORM = "x";
    static final int MAX_WEIGHTED_LENGTH = 280;

    private final String baseUrl;
    private final Map<String, String> userIds = new ConcurrentHashMap<>();

    public XConnector(PlatformHttp http, String baseUrl, CredentialSource credentials) {
        super(http, PLATFORM, MAX_WEIGHTED_LENGTH, credentials);
        this.baseUrl = trimmed(baseUrl);
    }



    @Override
    public int length(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        HttpResponse<String> response = http.sendPost(PLATFORM, account, authorized(account, baseUrl + "/2/tweets")
                .header("Content-Type", "application/json")
                .POST(PlatformHttp.json(Map.of("text", request.text()))).build());
        if (response.statusCode() == 201 || response.statusCode() == 200) {
            String id = PlatformHttp.read(PLATFORM, response.body()).path("data").path("id").asText(null);
            if (id == null) {
                throw new PlatformUnreachableException("X answered " + response.statusCode() + " without a post id");
            }
            return PlatformResult.published(id, url(account, id));
        }
        return PlatformHttp.refused(PLATFORM, response, PlatformHttp.message(response, "detail", "errors.0.message", "title"));
    }

    @Override
    public Lookup findRecent(Account account, PublishRequest request) {
        HttpResponse<String> response = http.send(PLATFORM, account, authorized(account,
                baseUrl + "/2/users/" + userId(account) + "/tweets?max_results=20").GET().build());
        if (!PlatformHttp.ok(response)) {
            throw new PlatformUnreachableException("X refused to list recent posts (HTTP " + response.statusCode()
                    + "): " + PlatformHttp.message(response, "detail", "title"));
        }
        for (JsonNode post : PlatformHttp.read(PLATFORM, response.body()).path("data")) {
            if (ContentMatch.same(request.text(), post.path("text").asText(null))) {
                String id = post.path("id").asText();
                return Lookup.found(id, url(account, id));
            }
        }
        return Lookup.absent();
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        HttpResponse<String> response = http.send(PLATFORM, account,
                authorized(account, baseUrl + "/2/tweets/" + PlatformHttp.encode(platformPostId)).DELETE().build());
        if (response.statusCode() == 404 || (PlatformHttp.ok(response)
                && PlatformHttp.read(PLATFORM, response.body()).path("data").path("deleted").asBoolean(false))) {
            return Deletion.done();
        }
        return Deletion.refused("X refused the delete (HTTP " + response.statusCode() + "): "
                + PlatformHttp.message(response, "detail", "errors.0.message", "title"));
    }

    private String userId(Account account) {
        String configured = account.settings().get("user-id");
        if (configured != null) {
            return configured;
        }
        return userIds.computeIfAbsent(account.key(), k -> {
            HttpResponse<String> me = http.send(PLATFORM, account, authorized(account, baseUrl + "/2/users/me").GET().build());
            String id = PlatformHttp.read(PLATFORM, me.body()).path("data").path("id").asText(null);
            if (!PlatformHttp.ok(me) || id == null) {
                throw new PlatformUnreachableException("X did not say who " + account.handle() + " is (HTTP " + me.statusCode() + ")");
            }
            return id;
        });
    }

    private HttpRequest.Builder authorized(Account account, String uri) {
        return http.request(uri).header("Authorization", "Bearer " + credentials.require(account, "access-token").value());
    }

    private static String url(Account account, String id) {
        return "https://x.com/" + account.handle().replaceFirst("^@", "") + "/status/" + id;
    }
}
