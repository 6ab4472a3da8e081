package dev.crier.platform.console;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationRequestTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    @Test
    void theCodeChallengeIsS256OfTheVerifierAsInRfc7636AppendixB() {
        var request = new AuthorizationRequest("s".repeat(43), "n".repeat(43), VERIFIER, "/console");
        assertThat(request.codeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void eachRequestHasItsOwnRandomValues() {
        var random = new SecureRandom();
        var one = AuthorizationRequest.start("/console", random);
        var two = AuthorizationRequest.start("/console", random);
        assertThat(one.state()).hasSize(43).isNotEqualTo(two.state());
        assertThat(one.nonce()).isNotEqualTo(two.nonce()).isNotEqualTo(one.state());
        assertThat(one.codeVerifier()).isNotEqualTo(two.codeVerifier());
    }

    @Test
    void theAuthorizationUriCarriesTheCodeFlowParameters() {
        var request = new AuthorizationRequest("s".repeat(43), "n".repeat(43), VERIFIER, "/console/reviews?x=1");
        URI uri = request.uri(URI.create("https://idp.example/authorize?tenant=gc"), "crier console",
                URI.create("https://crier.example/console/oidc/callback"), "openid profile");
        assertThat(uri.toString()).startsWith("https://idp.example/authorize?tenant=gc&response_type=code&")
                .contains("client_id=crier+console")
                .contains("redirect_uri=https%3A%2F%2Fcrier.example%2Fconsole%2Foidc%2Fcallback")
                .contains("scope=openid+profile").contains("state=" + "s".repeat(43)).contains("nonce=" + "n".repeat(43))
                .contains("code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                .contains("code_challenge_method=S256")
                .doesNotContain(VERIFIER);
    }

    @Test
    void theCookieBringsBackTheSameRequest() {
        var request = AuthorizationRequest.start("/console/reviews/a b?x=é", new SecureRandom());
        assertThat(AuthorizationRequest.fromCookie(request.cookieValue())).contains(request);
    }

    @Test
    void aCookieThatIsNotOursIsNoRequest() {
        String good = AuthorizationRequest.start("/console", new SecureRandom()).cookieValue();
        assertThat(AuthorizationRequest.fromCookie(null)).isEmpty();
        assertThat(AuthorizationRequest.fromCookie("")).isEmpty();
        assertThat(AuthorizationRequest.fromCookie(good.substring(1))).isEmpty();
        assertThat(AuthorizationRequest.fromCookie(good + ".extra")).isEmpty();
        assertThat(AuthorizationRequest.fromCookie(good.substring(0, good.lastIndexOf('.') + 1) + "%%%")).isEmpty();
    }

    @Test
    void onlyItsOwnStateAnswersARequest() {
        var request = AuthorizationRequest.start("/console", new SecureRandom());
        assertThat(request.isAnswerTo(request.state())).isTrue();
        assertThat(request.isAnswerTo(null)).isFalse();
        assertThat(request.isAnswerTo(request.nonce())).isFalse();
    }

    @Test
    void theReturnPathStaysOnThisServer() {
        assertThat(new AuthorizationRequest("s", "n", "v", "https://evil.example/").next()).isEqualTo("/console");
        assertThat(new AuthorizationRequest("s", "n", "v", "//evil.example/").next()).isEqualTo("/console");
    }
}
