package dev.crier.ingest.api;

import dev.crier.infra.CrierTestResource;
import dev.crier.infra.OpenIdProviderStub;
import dev.crier.platform.console.CsrfKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consoles' sign-in where the organization has an OpenID provider: the authorization-code flow with PKCE
 * against a local provider that checks what a real one checks, tried here on ingest-service.
 */
@QuarkusTest
@TestProfile(ConsoleOidcSignInTest.WithProvider.class)
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class ConsoleOidcSignInTest {

    static final OpenIdProviderStub PROVIDER = new OpenIdProviderStub("crier-console", "s3cret-of-the-console", "crier");

    /** The server's CSRF key: this console has no form page to take a token from once a provider signs people in. */
    @Inject
    CsrfKey csrf;

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PROVIDER.serviceConfig();
        }
    }

    /** The browser's part: the console's redirect, the provider's, and the callback with the flow cookie. */
    record Flow(ExtractableResponse<Response> start, String flowCookie, ExtractableResponse<Response> callback) {
    }

    /** Follows a Location as a browser does: as it is, without encoding it again. */
    static io.restassured.specification.RequestSpecification browser() {
        return given().redirects().follow(false).urlEncodingEnabled(false);
    }

    static Flow signIn(String next) {
        var signIn = given().redirects().follow(false).queryParam("next", next).get("/console/sign-in").then().extract();
        assertThat(signIn.statusCode()).isEqualTo(303);
        var start = browser().get(signIn.header("Location")).then().extract();
        assertThat(start.statusCode()).isEqualTo(303);
        var atProvider = browser().get(start.header("Location")).then().extract();
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String flow = start.cookie("crier-oidc");
        var callback = browser().cookie("crier-oidc", flow)
                .get(atProvider.header("Location")).then().extract();
        return new Flow(start, flow, callback);
    }

    @Test
    void aPersonSignedInByTheProviderGetsAStrictSessionThatTheApiAccepts() {
        PROVIDER.signInAs("pat.reviewer@example.gc.ca", Set.of("submitter"));
        String next = "/v1/drafts/" + UUID.randomUUID();
        Flow flow = signIn(next);

        // The request the provider saw: the code flow with S256 PKCE, state and nonce, back to our callback.
        Map<String, String> asked = PROVIDER.lastAuthorization();
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", "crier-console")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(asked.get("redirect_uri")).endsWith("/console/oidc/callback");
        String flowCookie = flow.start().headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("crier-oidc=")).findFirst().orElseThrow();
        assertThat(flowCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");

        assertThat(flow.callback().statusCode()).isEqualTo(200);
        // The page moves on by itself without a script, so the Content-Security-Policy that forbids them holds.
        assertThat(flow.callback().asString()).contains("http-equiv=\"refresh\"").contains(next).doesNotContain("<script");
        assertThat(flow.callback().header("Content-Security-Policy")).contains("default-src 'none'");
        String session = flow.callback().headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("crier-session=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        // The session authenticates on its own: an unknown draft is a 404 problem, not a 401.
        given().cookie("crier-session", flow.callback().cookie("crier-session")).get(next).then().statusCode(404);
    }

    @Test
    void anAnswerThatThisBrowserDidNotAskForIsRefused() {
        PROVIDER.signInAs("pat.reviewer@example.gc.ca", Set.of("submitter"));
        Flow mine = signIn("/console");
        Flow other = signIn("/console");
        // The provider's answer to one sign-in, brought back with another's cookie: a login forgery.
        String forged = browser().get(other.start().header("Location")).then().extract()
                .header("Location");
        var answer = browser().cookie("crier-oidc", mine.flowCookie()).get(forged).then().extract();
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.asString()).contains("was not started in this browser");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    @Test
    void aRefusalByTheProviderIsShownWithAWayToTryAgain() {
        PROVIDER.refuseWith("access_denied");
        var answer = signIn("/console").callback();
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.asString()).contains("role=\"alert\"").contains("access_denied")
                .contains("href=\"/console/oidc/start?next=%2Fconsole\"");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    @Test
    void anIdTokenForAnotherSignInIsRefused() {
        PROVIDER.signInAs("pat.reviewer@example.gc.ca", Set.of("submitter"));
        PROVIDER.forceNonce("a-nonce-from-another-sign-in");
        var answer = signIn("/console").callback();
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.asString()).contains("answers another sign-in");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    /** OpenID Connect Core 3.1.3.7: the signature, the issuer, the audience and the expiry are each checked. */
    @ParameterizedTest
    @EnumSource(OpenIdProviderStub.IdTokenFlaw.class)
    void aFlawedIdTokenIsRefused(OpenIdProviderStub.IdTokenFlaw flaw) {
        PROVIDER.signInAs("pat.reviewer@example.gc.ca", Set.of("submitter"));
        PROVIDER.flawIdTokens(flaw);
        var answer = signIn("/console").callback();
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.asString()).contains("ID token was refused");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    @Test
    void anAccountWithoutACrierRoleIsToldSo() {
        PROVIDER.signInAs("visitor@example.gc.ca", Set.of());
        var answer = signIn("/console").callback();
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.asString()).contains("visitor@example.gc.ca").contains("no Crier role");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    @Test
    void signingOutShowsAPageRatherThanGoingBackToTheProvider() {
        PROVIDER.signInAs("pat.reviewer@example.gc.ca", Set.of("submitter"));
        String session = signIn("/console").callback().cookie("crier-session");
        var answer = browser().cookie("crier-session", session)
                .formParam("crier-csrf", csrf.token(CsrfKey.Binding.SESSION, session)).post("/console/sign-out")
                .then().extract();
        // A redirect on to the provider would be a form's redirect off this site, which form-action 'self' blocks.
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).contains("You are signed out.").contains("href=\"/console/oidc/start?next=%2Fconsole\"");
        assertThat(answer.headers().getValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("crier-session=")
                .contains("Max-Age=0"));
    }

    @Test
    void aPastedTokenIsNoWayAroundTheProvider() {
        String browser = "x".repeat(43);
        given().redirects().follow(false).cookie("crier-csrf", browser)
                .formParam("crier-csrf", csrf.token(CsrfKey.Binding.BROWSER, browser)).formParam("token", CrierTestResource.token("submitter")).formParam("next", "/console")
                .post("/console/sign-in").then().statusCode(404);
        // Tokens of the local issuer no longer verify either: only the provider's keys count.
        given().auth().oauth2(CrierTestResource.token("submitter")).get("/v1/drafts/" + UUID.randomUUID())
                .then().statusCode(401);
    }
}
