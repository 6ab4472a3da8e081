package dev.crier.ingest.api;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the consoles ask of the browser: the security headers, a CSRF token bound to the session, and, over HTTPS
 * (here as a TLS-terminating proxy on this host reports it with X-Forwarded-Proto), Secure {@code __Host-} cookies
 * and HSTS. The same header from an address that is not a trusted proxy changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class ConsoleTransportSecurityTest {

    static final Pattern FIELD = Pattern.compile("name=\"crier-csrf\" value=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URL base;

    static String field(String page) {
        Matcher m = FIELD.matcher(page);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }

    static String setCookie(ExtractableResponse<Response> answer, String name) {
        return answer.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.headers()));
    }

    static String session(String subject) {
        return CrierTestResource.infra().tokens().issue(subject, Set.of("submitter"), Duration.ofHours(1));
    }

    @Test
    void everyConsolePageForbidsScriptsFramingAndSniffing() {
        var page = given().get("/console/sign-in").then().statusCode(200).extract();
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").contains("form-action 'self'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Strict-Transport-Security")).as("plain HTTP: no HSTS").isNull();
        assertThat(page.asString()).doesNotContain("<script").doesNotContain("<style").doesNotContain(" style=");
        given().get("/console/crier.css").then().statusCode(200).header("Content-Security-Policy", page.header("Content-Security-Policy"));
    }

    @Test
    void aFormTokenFromAnotherSessionIsRefused() {
        String mine = session("u-" + UUID.randomUUID());
        String theirs = session("u-" + UUID.randomUUID());
        String myToken = field(given().cookie("crier-session", mine).get("/console/sign-in").then().statusCode(200)
                .extract().asString());

        given().redirects().follow(false).cookie("crier-session", theirs).formParam("crier-csrf", myToken)
                .post("/console/sign-out").then().statusCode(403);
        given().redirects().follow(false).cookie("crier-session", mine).formParam("crier-csrf", myToken)
                .post("/console/sign-out").then().statusCode(303);
    }

    @Test
    void aPlantedCsrfCookieWithAMatchingFieldIsNoLongerEnough() {
        // What double submit accepted: any value, as long as cookie and field agree. A sibling host can set both.
        String planted = "x".repeat(43);
        given().redirects().follow(false).cookie("crier-csrf", planted).formParam("crier-csrf", planted)
                .formParam("token", CrierTestResource.token("submitter")).formParam("next", "/console")
                .post("/console/sign-in").then().statusCode(403);
    }

    @Test
    void behindATrustedProxyOverHttpsTheCookiesAreSecureHostCookiesAndHstsIsSent() {
        var form = given().redirects().follow(false).header("X-Forwarded-Proto", "https").get("/console/sign-in")
                .then().statusCode(200).extract();
        assertThat(form.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        String csrf = setCookie(form, "__Host-crier-csrf");
        assertThat(csrf).contains("Secure").contains("Path=/").doesNotContainIgnoringCase("Domain=");

        String next = "/v1/drafts/" + UUID.randomUUID();
        var signedIn = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .cookie("__Host-crier-csrf", form.cookie("__Host-crier-csrf")).formParam("crier-csrf", field(form.asString()))
                .formParam("token", CrierTestResource.token("submitter")).formParam("next", next)
                .post("/console/sign-in").then().extract();
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).startsWith("https://");
        assertThat(setCookie(signedIn, "__Host-crier-session")).contains("Secure").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Domain=");
        String session = signedIn.cookie("__Host-crier-session");

        // The __Host- cookie authenticates over HTTPS (an unknown draft: 404, not 401); a plain-named one, which
        // another host could have planted, does not.
        given().header("X-Forwarded-Proto", "https").cookie("__Host-crier-session", session).get(next).then().statusCode(404);
        given().header("X-Forwarded-Proto", "https").cookie("crier-session", session).accept("application/json").get(next)
                .then().statusCode(401);
    }

    @Test
    void fromAnAddressThatIsNoTrustedProxyXForwardedProtoChangesNothing() throws IOException {
        // 127.0.0.2 is this host too, but not in quarkus.http.proxy.trusted-proxies (127.0.0.1).
        String head = rawGet("/console/sign-in", InetAddress.getByName("127.0.0.2"), "X-Forwarded-Proto: https");
        assertThat(head).startsWith("HTTP/1.1 200");
        List<String> cookies = head.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).toList();
        assertThat(cookies).singleElement().asString().contains("crier-csrf=").doesNotContain("__Host-")
                .doesNotContain("Secure");
        assertThat(head.toLowerCase()).doesNotContain("strict-transport-security");
    }

    /** A GET sent from a chosen local address, which no HTTP client here can pick; returns the response's head. */
    private String rawGet(String path, InetAddress from, String header) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(), from, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, response.indexOf("\r\n\r\n"));
        }
    }
}
