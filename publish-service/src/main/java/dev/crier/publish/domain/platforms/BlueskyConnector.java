package dev.crier.publish.domain.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bluesky (AT Protocol): {@code com.atproto.server.createSession} with the account's handle and an app password
 * (credential {@code app-password}), then {@code com.atproto.repo.createRecord} of an {@code app.bsky.feed.post}
 * with {@code langs} and facets for links, hashtags and mentions, their offsets in UTF-8 bytes as the lexicon
 * requires. Text is counted in graphemes (300). The first link gets a card ({@code app.bsky.embed.external}) with
 * its page's title and description ({@link LinkPreview}) when its host may be fetched from. A lost answer is
 * settled by listing the account's recent post records.
 */
public final class BlueskyConnector extends HttpConnector {

    public static final String PLATFORM = "bluesky";
    static final String COLLECTION = "app.bsky.feed.post";
    static final int MAX_GRAPHEMES = 300;
    /** app.bsky.richtext.facet#tag: a tag (without its #) of at most 64 graphemes. */
    static final int MAX_TAG_GRAPHEMES = 64;
    /** A mention is {@code @} and a handle (a domain name), not preceded by a word character (as in an e-mail). */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+)");

    private final String defaultPds;
    private final LinkPreview previews;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public BlueskyConnector(PlatformHttp http, String defaultPds, CredentialSource credentials, LinkPreview previews) {
        super(http, PLATFORM, MAX_GRAPHEMES, credentials);
        this.defaultPds = defaultPds;
        this.previews = previews;
    }

    record Session(String did, String accessJwt, String refreshJwt) {
        static Session of(JsonNode body) {
            return new Session(body.path("did").asText(), body.path("accessJwt").asText(), body.path("refreshJwt").asText(null));
        }
    }



    /** Extended grapheme clusters, as ICU counts them (UAX #29). */
    @Override
    public int length(String text) {
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int count = 0;
        while (graphemes.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    @Override
    public PlatformResult publish(Account account, PublishRequest request) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("$type", COLLECTION);
        record.put("text", request.text());
        record.put("createdAt", http.clock().instant().toString());
        record.put("langs", request.languages());
        List<Map<String, Object>> facets = facets(account, request.text());
        if (!facets.isEmpty()) {
            record.put("facets", facets);
        }
        card(request.text()).ifPresent(card -> record.put("embed", Map.of("$type", "app.bsky.embed.external",
                "external", Map.of("uri", card.uri(), "title", card.title(), "description", card.description()))));
        HttpResponse<String> response = call(account, true, session -> xrpc(account, "com.atproto.repo.createRecord")
                .header("Authorization", "Bearer " + session.accessJwt())
                .header("Content-Type", "application/json")
                .POST(PlatformHttp.json(Map.of("repo", session.did(), "collection", COLLECTION, "record", record))).build());
        if (PlatformHttp.ok(response)) {
            String uri = PlatformHttp.read(PLATFORM, response.body()).path("uri").asText(null);
            if (uri == null) {
                throw new PlatformUnreachableException("Bluesky answered " + response.statusCode() + " without a record uri");
            }
            return PlatformResult.published(uri, url(account, uri));
        }
        return PlatformHttp.refused(PLATFORM, response, errorOf(response));
    }

    @Override
    public Lookup findRecent(Account account, PublishRequest request) {
        HttpResponse<String> response = call(account, false, session -> xrpc(account, "com.atproto.repo.listRecords?repo="
                + PlatformHttp.encode(session.did()) + "&collection=" + COLLECTION + "&limit=25")
                .header("Authorization", "Bearer " + session.accessJwt()).GET().build());
        if (!PlatformHttp.ok(response)) {
            throw new PlatformUnreachableException("Bluesky refused to list recent posts (HTTP " + response.statusCode()
                    + "): " + errorOf(response));
        }
        for (JsonNode item : PlatformHttp.read(PLATFORM, response.body()).path("records")) {
            if (ContentMatch.same(request.text(), item.path("value").path("text").asText(null))) {
                String uri = item.path("uri").asText();
                return Lookup.found(uri, url(account, uri));
            }
        }
        return Lookup.absent();
    }

    @Override
    public Deletion delete(Account account, String platformPostId) {
        String rkey = platformPostId.substring(platformPostId.lastIndexOf('/') + 1);
        HttpResponse<String> response = call(account, false, session -> xrpc(account, "com.atproto.repo.deleteRecord")
                .header("Authorization", "Bearer " + session.accessJwt())
                .header("Content-Type", "application/json")
                .POST(PlatformHttp.json(Map.of("repo", session.did(), "collection", COLLECTION, "rkey", rkey))).build());
        if (PlatformHttp.ok(response)) {
            return Deletion.done();
        }
        return Deletion.refused("Bluesky refused the delete (HTTP " + response.statusCode() + "): " + errorOf(response));
    }

    /**
     * Link, hashtag and mention facets with UTF-8 byte offsets. Hashtags are found as twitter-text finds them (the
     * same library counts X's length), and a tag longer than the lexicon's 64 graphemes stays plain text. A mention
     * whose handle does not resolve to a DID stays plain text, as the Bluesky app does.
     */
    List<Map<String, Object>> facets(Account account, String text) {
        List<Map<String, Object>> facets = new ArrayList<>();
        Extractor extractor = new Extractor();
        for (Extractor.Entity link : extractor.extractURLsWithIndices(text)) {
            String uri = link.getValue().matches("(?i)^https?://.*") ? link.getValue() : "https://" + link.getValue();
            facets.add(facet(text, link.getStart(), link.getEnd(), Map.of("$type", "app.bsky.richtext.facet#link", "uri", uri)));
        }
        for (Extractor.Entity tag : extractor.extractHashtagsWithIndices(text)) {
            if (length(tag.getValue()) <= MAX_TAG_GRAPHEMES) {
                facets.add(facet(text, tag.getStart(), tag.getEnd(), Map.of("$type", "app.bsky.richtext.facet#tag", "tag", tag.getValue())));
            }
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            String did = resolve(account, mention.group(1));
            if (did != null) {
                facets.add(facet(text, mention.start(), mention.end(), Map.of("$type", "app.bsky.richtext.facet#mention", "did", did)));
            }
        }
        return facets;
    }

    /** The card of the post's first link, when its page may be fetched and has a title. */
    private java.util.Optional<LinkPreview.Card> card(String text) {
        return new Extractor().extractURLsWithIndices(text).stream().findFirst()
                .map(link -> link.getValue().matches("(?i)^https?://.*") ? link.getValue() : "https://" + link.getValue())
                .flatMap(previews::of);
    }

    private static Map<String, Object> facet(String text, int start, int end, Map<String, Object> feature) {
        int byteStart = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
        int byteEnd = byteStart + text.substring(start, end).getBytes(StandardCharsets.UTF_8).length;
        return Map.of("index", Map.of("byteStart", byteStart, "byteEnd", byteEnd), "features", List.of(feature));
    }

    private String resolve(Account account, String handle) {
        HttpResponse<String> response = http.send(PLATFORM, account, xrpc(account,
                "com.atproto.identity.resolveHandle?handle=" + PlatformHttp.encode(handle)).GET().build());
        return PlatformHttp.ok(response) ? PlatformHttp.read(PLATFORM, response.body()).path("did").asText(null) : null;
    }

    /**
     * Calls with the account's session; an expired or refused one is renewed, once, and the call made again. Only a
     * post's {@code createRecord} counts against the posting budget: Bluesky limits each endpoint apart.
     */
    private HttpResponse<String> call(Account account, boolean post,
                                      java.util.function.Function<Session, java.net.http.HttpRequest> request) {
        Session current = session(account);
        HttpResponse<String> response = send(account, post, request.apply(current));
        if (expired(response)) {
            response = send(account, post, request.apply(renew(account, current)));
        }
        return response;
    }

    private static boolean expired(HttpResponse<String> response) {
        return response.statusCode() == 401 || (response.statusCode() == 400 && "ExpiredToken".equals(errorName(response)));
    }

    /**
     * A new access token from the session's refresh token ({@code com.atproto.server.refreshSession}, which rotates
     * both); only when that is refused too, a new session. Sessions are limited per account and day
     * (createSession), refreshes far less, so an access token's expiry every couple of hours costs no session.
     */
    private Session renew(Account account, Session stale) {
        sessions.remove(account.key(), stale);
        if (stale.refreshJwt() != null) {
            HttpResponse<String> refreshed = http.send(PLATFORM, account, xrpc(account, "com.atproto.server.refreshSession")
                    .header("Authorization", "Bearer " + stale.refreshJwt())
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            if (PlatformHttp.ok(refreshed)) {
                Session session = Session.of(PlatformHttp.read(PLATFORM, refreshed.body()));
                sessions.put(account.key(), session);
                return session;
            }
        }
        return session(account);
    }

    private HttpResponse<String> send(Account account, boolean post, java.net.http.HttpRequest request) {
        return post ? http.sendPost(PLATFORM, account, request) : http.send(PLATFORM, account, request);
    }

    private Session session(Account account) {
        Session cached = sessions.get(account.key());
        if (cached != null) {
            return cached;
        }
        String identifier = credentials.find(account.credentials(), "identifier").map(s -> s.value()).orElse(account.handle());
        HttpResponse<String> response = http.send(PLATFORM, account, xrpc(account, "com.atproto.server.createSession")
                .header("Content-Type", "application/json")
                .POST(PlatformHttp.json(Map.of("identifier", identifier,
                        "password", credentials.require(account, "app-password").value()))).build());
        if (!PlatformHttp.ok(response)) {
            throw new SessionRefusedException("Bluesky refused the session (HTTP " + response.statusCode() + "): " + errorOf(response));
        }
        Session session = Session.of(PlatformHttp.read(PLATFORM, response.body()));
        sessions.put(account.key(), session);
        return session;
    }

    /** The app password was refused: the account's credentials need a person, and the post fails. */
    public static class SessionRefusedException extends dev.crier.publish.domain.CredentialSource.MissingCredentialException {
        SessionRefusedException(String message) {
            super(message);
        }
    }

    private java.net.http.HttpRequest.Builder xrpc(Account account, String method) {
        return http.request(account.settings().getOrDefault("pds", defaultPds).replaceAll("/+$", "") + "/xrpc/" + method);
    }

    private static String errorOf(HttpResponse<String> response) {
        return PlatformHttp.message(response, "message", "error");
    }

    private static String errorName(HttpResponse<String> response) {
        return PlatformHttp.message(response, "error");
    }

    /** {@code at://did/app.bsky.feed.post/rkey} is shown at {@code https://bsky.app/profile/<handle>/post/<rkey>}. */
    private static String url(Account account, String uri) {
        return "https://bsky.app/profile/" + account.handle() + "/post/" + uri.substring(uri.lastIndexOf('/') + 1);
    }
}
