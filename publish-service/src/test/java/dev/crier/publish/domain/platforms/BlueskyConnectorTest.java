package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.PlatformConnector;
import dev.crier.publish.domain.PlatformResult;
import dev.crier.publish.domain.PlatformUnreachableException;
import dev.crier.publish.domain.PublishRequest;
import dev.crier.publish.domain.RetryLaterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bluesky (AT Protocol XRPC) against a stub of its documented requests and responses. */
class BlueskyConnectorTest extends StubbedPlatform {

    static final String SESSION = "{\"did\": \"did:plc:hcbsky\", \"handle\": \"hc.bsky.social\", "
            + "\"accessJwt\": \"access-1\", \"refreshJwt\": \"refresh-1\"}";

    final Account account = account("bluesky", "hc.bsky.social", Map.of());
    /** The pages behind links, as the guarded fetcher would give them (GuardedFetcherTest tests the guard). */
    final Pages pages = new Pages();

    static final class Pages {
        final Map<String, String> html = new java.util.HashMap<>();

        GuardedFetcher.Fetched fetch(java.net.URI uri) {
            String page = html.get(uri.toString());
            if (page == null) {
                throw new GuardedFetcher.RefusedException(uri.getHost() + " is not among the hosts Crier may fetch from");
            }
            return new GuardedFetcher.Fetched(uri, GuardedFetcher.HTML, page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
    BlueskyConnector bluesky;

    @BeforeEach
    void connector() {
        secrets.put("hc-bluesky.app-password", "abcd-efgh-ijkl-mnop");
        bluesky = new BlueskyConnector(http, base(), credentials, new LinkPreview(pages::fetch));
        platform.stubFor(post("/xrpc/com.atproto.server.createSession")
                .withRequestBody(equalToJson("{\"identifier\": \"hc.bsky.social\", \"password\": \"abcd-efgh-ijkl-mnop\"}"))
                .willReturn(aResponse().withStatus(200).withBody(SESSION)));
    }

    @Test
    void createsAPostRecordWithLangsAndLinkAndMentionFacetsInUtf8Bytes() {
        platform.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.identity.resolveHandle")).withQueryParam("handle", equalTo("hc.bsky.social"))
                .willReturn(aResponse().withStatus(200).withBody("{\"did\": \"did:plc:hcbsky\"}")));
        // "Café " is 6 bytes, the emoji 4 and a space: the link starts at byte 11, the mention at 29.
        String text = "Café 👍 https://canada.ca @hc.bsky.social";
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withHeader("Authorization", equalTo("Bearer access-1"))
                .withRequestBody(equalToJson("""
                        {"repo": "did:plc:hcbsky", "collection": "app.bsky.feed.post", "record": {
                          "$type": "app.bsky.feed.post", "text": "%s", "createdAt": "2026-03-02T14:00:00Z", "langs": ["en", "fr"],
                          "facets": [
                            {"index": {"byteStart": 11, "byteEnd": 28}, "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://canada.ca"}]},
                            {"index": {"byteStart": 29, "byteEnd": 44}, "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:hcbsky"}]}
                          ]}}""".formatted(text)))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k4duaz5vfs2b\", \"cid\": \"bafyreib2\"}")));

        PlatformResult result = bluesky.publish(account, new PublishRequest("p-1", "bluesky", text, List.of("en", "fr"), "p-1:bluesky"));

        assertThat(result).isEqualTo(PlatformResult.published("at://did:plc:hcbsky/app.bsky.feed.post/3k4duaz5vfs2b",
                "https://bsky.app/profile/hc.bsky.social/post/3k4duaz5vfs2b"));
    }

    @Test
    void onlyThePostsOwnRateLimitHeadersCountAgainstThePostingBudget() {
        // Bluesky limits each endpoint apart: a spent handle-resolution budget says nothing of posting.
        platform.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.identity.resolveHandle")).willReturn(aResponse()
                .withStatus(200).withHeader("ratelimit-remaining", "0").withHeader("ratelimit-reset", "1772465400")
                .withBody("{\"did\": \"did:plc:hcbsky\"}")));
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(aResponse().withStatus(200)
                .withHeader("ratelimit-remaining", "4997").withHeader("ratelimit-reset", "1772466000")
                .withBody("{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k4\", \"cid\": \"bafy\"}")));

        bluesky.publish(account, new PublishRequest("p-1", "bluesky", "Ask @hc.bsky.social", List.of("en"), "p-1:bluesky"));

        assertThat(observed).containsExactly("bluesky:hc.bsky.social 4997 until " + Instant.ofEpochSecond(1772466000));
    }

    @Test
    void hashtagsAreTagFacetsWithoutTheirHashCountedInUtf8Bytes() {
        // "Vaccins " is 8 bytes; "#SantéPublique" 15 (é is two); then a space, and "#Flu2026" from byte 24 to 32.
        String text = "Vaccins #SantéPublique #Flu2026 #" + "a".repeat(65) + " #2026";
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withRequestBody(equalToJson("""
                        {"repo": "did:plc:hcbsky", "collection": "app.bsky.feed.post", "record": {
                          "$type": "app.bsky.feed.post", "text": "%s", "createdAt": "2026-03-02T14:00:00Z", "langs": ["fr"],
                          "facets": [
                            {"index": {"byteStart": 8, "byteEnd": 23}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "SantéPublique"}]},
                            {"index": {"byteStart": 24, "byteEnd": 32}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "Flu2026"}]}
                          ]}}""".formatted(text)))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k5\", \"cid\": \"bafy\"}")));

        // The 65-letter tag is over the lexicon's 64 graphemes and "#2026" is all digits: both stay plain text.
        assertThat(bluesky.publish(account, new PublishRequest("p-2", "bluesky", text, List.of("fr"), "p-2:bluesky")).published())
                .isTrue();
    }

    @Test
    void theFirstLinkGetsACardWithItsPagesTitleAndDescription() {
        pages.html.put("https://www.canada.ca/flu", """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <title>Flu (influenza) - Canada.ca</title>
                <meta property="og:title" content="Flu clinics near you">
                <meta name="description" content="Where and when to get your flu shot.">
                </head><body></body></html>""");
        String text = "Flu clinics: https://www.canada.ca/flu and https://www.canada.ca/covid";
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withRequestBody(matchingJsonPath("$.record.embed",
                        equalToJson("""
                                {"$type": "app.bsky.embed.external", "external": {"uri": "https://www.canada.ca/flu",
                                 "title": "Flu clinics near you", "description": "Where and when to get your flu shot."}}""")))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k6\", \"cid\": \"bafy\"}")));

        assertThat(bluesky.publish(account, new PublishRequest("p-3", "bluesky", text, List.of("en"), "p-3:bluesky")).published())
                .isTrue();
    }

    @Test
    void aLinkWhosePageMayNotBeFetchedGoesOutWithoutACard() {
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withRequestBody(matchingJsonPath("$.record.embed", absent()))
                .willReturn(aResponse().withStatus(200).withBody(
                        "{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k7\", \"cid\": \"bafy\"}")));

        assertThat(bluesky.publish(account, new PublishRequest("p-4", "bluesky", "See https://example.org/x", List.of("en"),
                "p-4:bluesky")).published()).isTrue();
    }

    @Test
    void lengthIsInGraphemes() {
        assertThat(bluesky.length("👩‍👩‍👧‍👦 é")).isEqualTo(3);
        assertThat(bluesky.length("e\u0301")).isEqualTo(1);
        assertThat(bluesky.maxLength(account)).isEqualTo(300);
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshTokenNotANewSession() {
        platform.stubFor(post("/xrpc/com.atproto.server.refreshSession").withHeader("Authorization", equalTo("Bearer refresh-1"))
                .willReturn(aResponse().withStatus(200).withBody("{\"did\": \"did:plc:hcbsky\", \"handle\": \"hc.bsky.social\", "
                        + "\"accessJwt\": \"access-2\", \"refreshJwt\": \"refresh-2\"}")));
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}")));
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withHeader("Authorization", equalTo("Bearer access-2"))
                .willReturn(aResponse().withStatus(200).withBody("{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k\", \"cid\": \"b\"}")));

        assertThat(bluesky.publish(account, request("Hello")).published()).isTrue();
        assertThat(bluesky.publish(account, request("Hello again")).published()).isTrue();

        platform.verify(1, postRequestedFor(urlEqualTo("/xrpc/com.atproto.server.createSession")));
        platform.verify(1, postRequestedFor(urlEqualTo("/xrpc/com.atproto.server.refreshSession")));
        platform.verify(3, postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")));
    }

    @Test
    void whenTheRefreshTokenIsRefusedTooANewSessionIsMadeOnce() {
        platform.stubFor(post("/xrpc/com.atproto.server.createSession").inScenario("sessions").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withBody(SESSION)).willSetStateTo("expired"));
        platform.stubFor(post("/xrpc/com.atproto.server.createSession").inScenario("sessions").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(200).withBody(SESSION.replace("access-1", "access-2"))));
        platform.stubFor(post("/xrpc/com.atproto.server.refreshSession").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}")));
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withHeader("Authorization", equalTo("Bearer access-1"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"ExpiredToken\", \"message\": \"Token has expired\"}")));
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").withHeader("Authorization", equalTo("Bearer access-2"))
                .willReturn(aResponse().withStatus(200).withBody("{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3k\", \"cid\": \"b\"}")));

        assertThat(bluesky.publish(account, request("Hello")).published()).isTrue();
        platform.verify(2, postRequestedFor(urlEqualTo("/xrpc/com.atproto.server.createSession")));
        platform.verify(2, postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")));
    }

    @Test
    void aRevokedAppPasswordFailsWithBlueskysMessage() {
        platform.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\": \"AuthenticationRequired\", \"message\": \"Invalid identifier or password\"}")));

        assertThatThrownBy(() -> bluesky.publish(account, request("Hello")))
                .hasMessage("Bluesky refused the session (HTTP 401): Invalid identifier or password");
    }

    @Test
    void invalidRecordsFailAndRateLimitsWaitForTheResetHeader() {
        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"InvalidRequest\", \"message\": \"Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes\"}")));
        assertThat(bluesky.publish(account, request("Hello")).error()).isEqualTo(
                "bluesky refused the post (HTTP 400): Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");

        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(aResponse().withStatus(429)
                .withHeader("ratelimit-limit", "5000").withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", "1772463600").withBody("{\"error\": \"RateLimitExceeded\"}")));
        assertThatThrownBy(() -> bluesky.publish(account, request("Hello"))).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(1772463600)));

        platform.stubFor(post("/xrpc/com.atproto.repo.createRecord").willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> bluesky.publish(account, request("Hello"))).isInstanceOf(PlatformUnreachableException.class);
    }

    @Test
    void aLostAnswerIsLookedForInTheAccountsRecentPostRecords() {
        platform.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.repo.listRecords")).withQueryParam("repo", equalTo("did:plc:hcbsky"))
                .withQueryParam("collection", equalTo("app.bsky.feed.post"))
                .willReturn(aResponse().withStatus(200).withBody("{\"records\": [{\"uri\": \"at://did:plc:hcbsky/app.bsky.feed.post/3kb\", "
                        + "\"cid\": \"c\", \"value\": {\"$type\": \"app.bsky.feed.post\", \"text\": \"Flu clinics open Monday.\"}}]}")));

        assertThat(bluesky.findRecent(account, request("Flu clinics open Monday."))).isEqualTo(PlatformConnector.Lookup.found(
                "at://did:plc:hcbsky/app.bsky.feed.post/3kb", "https://bsky.app/profile/hc.bsky.social/post/3kb"));
        assertThat(bluesky.findRecent(account, request("Another post")).kind()).isEqualTo(PlatformConnector.Lookup.Kind.ABSENT);
    }

    @Test
    void deletesTheRecordByItsKey() {
        platform.stubFor(post("/xrpc/com.atproto.repo.deleteRecord").withRequestBody(equalToJson(
                        "{\"repo\": \"did:plc:hcbsky\", \"collection\": \"app.bsky.feed.post\", \"rkey\": \"3kb\"}"))
                .willReturn(aResponse().withStatus(200).withBody("{\"commit\": {\"cid\": \"c\", \"rev\": \"r\"}}")));

        assertThat(bluesky.delete(account, "at://did:plc:hcbsky/app.bsky.feed.post/3kb").deleted()).isTrue();
    }

    private static PublishRequest request(String text) {
        return new PublishRequest("p-1", "bluesky", text, List.of("en"), "p-1:bluesky");
    }
}
