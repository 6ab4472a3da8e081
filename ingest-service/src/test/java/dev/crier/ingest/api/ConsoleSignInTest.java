package dev.crier.ingest.api;

import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The consoles' sign-in, which every service has from platform: tried here on ingest-service. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "ingest"))
class ConsoleSignInTest {

    record Form(String csrfCookie, String csrfField) {
    }

    static Form openForm(String next) {
        ExtractableResponse<Response> page = given().redirects().follow(false).queryParam("next", next)
                .get("/console/sign-in").then().statusCode(200)
                .body(containsString("<label for=\"token\">")).extract();
        Matcher field = Pattern.compile("name=\"crier-csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        assertThat(field.find()).as("the form carries a CSRF token").isTrue();
        return new Form(page.cookie("crier-csrf"), field.group(1));
    }

    static ExtractableResponse<Response> signIn(Form form, String token, String next) {
        return given().redirects().follow(false).cookie("crier-csrf", form.csrfCookie())
                .formParam("crier-csrf", form.csrfField()).formParam("token", token).formParam("next", next)
                .post("/console/sign-in").then().extract();
    }

    @Test
    void aValidTokenBecomesAnHttpOnlyStrictSessionThatTheApiAccepts() {
        String next = "/v1/drafts/" + UUID.randomUUID();
        var answer = signIn(openForm(next), CrierTestResource.token("submitter"), next);

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).endsWith(next);
        String setCookie = answer.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("crier-session=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        // The cookie alone authenticates: an unknown draft is a 404 problem, not a 401.
        given().cookie("crier-session", answer.cookie("crier-session")).get(next).then().statusCode(404);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        Form form = openForm("/console");
        given().redirects().follow(false).cookie("crier-csrf", form.csrfCookie())
                .formParam("token", CrierTestResource.token("submitter")).formParam("next", "/console")
                .post("/console/sign-in").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Form token missing or stale"))
                .header("Set-Cookie", not(containsString("crier-session=ey")));
    }

    @Test
    void aSessionCookieAloneCannotPostButABearerTokenCan() {
        String session = signIn(openForm("/console"), CrierTestResource.token("submitter"), "/console").cookie("crier-session");
        String draft = "{\"text\": \"Hello\", \"platforms\": [\"sandbox\"], \"author\": {\"id\": \"u-1\"}}";
        // What another site's page could make a signed-in browser send: refused.
        given().cookie("crier-session", session).contentType("application/json").body(draft).post("/v1/drafts")
                .then().log().ifValidationFails().statusCode(403).body("title", equalTo("Form token missing or stale"));
        // An API client names its token itself; a bodiless form post from curl is judged by the API, not as a forgery.
        given().auth().oauth2(CrierTestResource.token("submitter")).contentType("application/x-www-form-urlencoded")
                .post("/v1/drafts").then().statusCode(415);
    }

    @Test
    void aForgedTokenIsRefusedOnThePageAndNoSessionIsSet() {
        var answer = signIn(openForm("/console"), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9.", "/console");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.asString()).contains("role=\"alert\"").contains("This token was refused");
        assertThat(answer.cookie("crier-session")).isNull();
    }

    @Test
    void theSignInNeverSendsTheBrowserToAnotherSite() {
        var answer = signIn(openForm("//evil.example/x"), CrierTestResource.token("submitter"), "//evil.example/x");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).doesNotContain("evil.example").endsWith("/console");
    }

    @Test
    void aBrowserWithoutASessionIsSentToSignInAndAnApiClientGetsAProblem() {
        String path = "/v1/drafts/" + UUID.randomUUID();
        given().redirects().follow(false).accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get(path)
                .then().statusCode(303).header("Location", containsString("/console/sign-in?next=%2Fv1%2Fdrafts%2F"));
        given().accept("application/json").get(path).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
