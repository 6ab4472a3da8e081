package dev.crier.audit.console;

import dev.crier.audit.Tampering;
import dev.crier.audit.TestEvents;
import dev.crier.infra.Accessibility;
import dev.crier.infra.Browser;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class AuditConsoleTest {

    static final String SCRIPT = "<script>document.title='pwned'</script> Flu clinics open Monday";
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    final EventInjector injector = new EventInjector(CrierTestResource.infra().kafka());

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void close() {
        injector.close();
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role)).accept(HTML).redirects().follow(false);
    }

    /** A post with a {@code <script>} in its draft, recorded; returns its id. */
    String recordedScriptDraft() {
        String postId = UUID.randomUUID().toString();
        injector.send(TestEvents.submitted(postId, SCRIPT));
        injector.send(TestEvents.decided(postId, "a".repeat(64)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(CrierTestResource.token("auditor"))
                .get("/v1/audit/posts/" + postId).then().statusCode(200).body("records.size()", equalTo(2)));
        return postId;
    }

    @Test
    void aRecordsTextIsEscapedInSearchResultsAndTimelines() {
        String postId = recordedScriptDraft();

        String results = as("auditor").queryParam("type", "dev.crier.draft.submitted").queryParam("author", "u-1")
                .get("/console/audit/records").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("href=\"/console/audit/posts?id=" + postId + "\"")).extract().asString();
        assertThat(results).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; Flu clinics")
                .doesNotContain("<script>")
                .contains("href=\"/v1/audit/export?type=dev.crier.draft.submitted&amp;author=u-1&amp;format=csv\"");

        String timeline = as("auditor").queryParam("id", postId).get("/console/audit/posts").then().statusCode(200)
                .extract().asString();
        assertThat(timeline).doesNotContain("<script>").contains("&lt;script&gt;document.title")
                .contains("dev.crier.draft.submitted").contains("dev.crier.post.decided")
                .containsSubsequence("dev.crier.draft.submitted", "dev.crier.post.decided");

        as("auditor").queryParam("id", UUID.randomUUID()).get("/console/audit/posts").then().statusCode(404)
                .body(containsString("role=\"alert\""));
        as("auditor").queryParam("from", "<b>yesterday</b>").get("/console/audit/records").then().statusCode(400)
                .body(containsString("A filter is not valid: from must be an ISO-8601 instant"))
                .body(containsString("value=\"&lt;b&gt;yesterday&lt;/b&gt;\""));
    }

    @Test
    void onlyAuditorsSeeTheConsoleAndABrowserWithoutASessionIsSentToSignIn() {
        for (String page : new String[]{"/console/audit", "/console/audit/records", "/console/audit/posts"}) {
            given().accept(HTML).redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", containsString("/console/sign-in?next=" + page.replace("/", "%2F")));
            as("reviewer").get(page).then().statusCode(403);
            as("submitter").get(page).then().statusCode(403);
        }
        as("reviewer").post("/console/audit/verify").then().statusCode(403);
        as("auditor").get("/console/audit").then().statusCode(200)
                .body(containsString("<a class=\"skip\" href=\"#main\">"))
                .body(containsString("Signed in as"))
                .body(containsString("action=\"/console/sign-out\""));
    }

    @Test
    void thePagesNeedNoInlineStyleOrScriptSoTheirContentSecurityPolicyForbidsBoth() {
        for (String page : new String[]{"/console/audit", "/console/audit/records"}) {
            var answer = as("auditor").get(page).then().statusCode(200).extract();
            assertThat(answer.header("Content-Security-Policy")).as(page).contains("default-src 'none'")
                    .contains("style-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.asString()).as(page).doesNotContain("<style").doesNotContain("<script")
                    .doesNotContain(" style=").contains("<link rel=\"stylesheet\" href=\"/console/audit/audit.css\">");
        }
        given().get("/console/audit/audit.css").then().statusCode(200).contentType(containsString("text/css"))
                .body(containsString(".audit-nav ul"));
    }

    @Test
    void theOverviewShowsTheCheckpointChartsWithTheirTablesAndWhatVerificationFound() throws SQLException {
        String postId = recordedScriptDraft();

        // A form post carried by the session cookie needs the page's CSRF token.
        given().cookie("crier-session", CrierTestResource.token("auditor")).redirects().follow(false)
                .post("/console/audit/verify").then().statusCode(403);
        as("auditor").post("/console/audit/verify").then().statusCode(303)
                .header("Location", containsString("/console/audit#verification"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String overview = as("auditor").get("/console/audit").then().statusCode(200).extract().asString();
        assertThat(overview).contains("id=\"checkpoint-size\"").contains("Sound: all")
                .contains("<svg id=\"decisions-chart\" role=\"img\"").contains("id=\"decisions-table\"")
                .containsPattern("<th scope=\"row\">" + today + "</th><td>[1-9]\\d*</td>")
                .contains("href=\"/v1/audit/export?format=csv\"").contains("href=\"/v1/audit/export?format=jsonl\"");

        long index = given().auth().oauth2(CrierTestResource.token("auditor")).get("/v1/audit/posts/" + postId)
                .then().extract().jsonPath().getLong("records[0].index");
        Tampering.unguarded("UPDATE audit_records SET payload = payload || '\\x20'::bytea WHERE idx = " + index);
        try {
            as("auditor").post("/console/audit/verify").then().statusCode(303);
            as("auditor").get("/console/audit").then().statusCode(200)
                    .body(containsString("Tampering or damage detected"))
                    .body(containsString("record " + index + " changed: its bytes no longer match its stored leaf hash"))
                    .body(not(containsString("Sound: all")));
        } finally {
            Tampering.unguarded("UPDATE audit_records SET payload = substring(payload from 1 for length(payload) - 1) "
                    + "WHERE idx = " + index);
        }
        as("auditor").post("/console/audit/verify").then().statusCode(303);
        as("auditor").get("/console/audit").then().body(containsString("Sound: all"));
    }

    @Test
    void verificationChecksEveryDecisionsSignatureAndNamesAForgedOneApartFromTheLogsSoundness() throws Exception {
        var keys = CrierTestResource.infra().decisionKeys();
        String good = UUID.randomUUID().toString();
        String forged = UUID.randomUUID().toString();
        var signed = TestEvents.decided(good, "e".repeat(64));
        var bad = TestEvents.decided(forged, "e".repeat(64));
        injector.send(TestEvents.carrying(signed, keys.sign(signed.data())));
        injector.send(TestEvents.carrying(bad, TestEvents.forger(keys.keyId()).sign(bad.data())));
        long forgedIndex = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(CrierTestResource.token("auditor"))
                .get("/v1/audit/posts/" + forged).then().extract().jsonPath().getList("records.index", Long.class), l -> l != null && l.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(CrierTestResource.token("auditor"))
                .get("/v1/audit/posts/" + good).then().extract().jsonPath().getList("records"), l -> l != null && l.size() == 1);

        // The checkpoint that covers both comes within a second or so; until then the check stops short of them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as("auditor").post("/console/audit/verify").then().statusCode(303);
            String overview = as("auditor").get("/console/audit").then().statusCode(200).extract().asString();
            assertThat(overview).contains("Sound: all").contains("id=\"bad-decisions\"")
                    .contains("record " + forgedIndex + " (dev.crier.post.decided, post " + forged + "): decision signature failed:")
                    .doesNotContain("post " + good + ")")
                    .containsPattern("Decisions: [1-9]\\d* decision signature\\(s\\) verified");
        });
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("crier_audit_verification_sound(\\{[^}]*})? 1.0")
                .containsPattern("crier_audit_verification_bad_decisions(\\{[^}]*})? [1-9]")
                .containsPattern("crier_audit_tree_size(\\{[^}]*})? [1-9]")
                .containsPattern("crier_audit_checkpoint_size(\\{[^}]*})? [1-9]")
                .containsPattern("crier_audit_checkpoint_age_seconds(\\{[^}]*})? [0-9]");
    }

    @Test
    void inHeadlessChromiumAnAuditorSignsInSearchesAndReadsAScriptDraftAsText() {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("[audit-console] " + reason);
            Assumptions.abort(reason);
        });
        String since = java.time.Instant.now().minusSeconds(1).toString();
        String postId = recordedScriptDraft();
        String url = base.toString().replaceAll("/$", "");
        WebDriver driver = Browser.start();
        try {
            Browser.signIn(driver, url, CrierTestResource.token("auditor"), "/console/audit/records");
            WebDriverWait wait = new WebDriverWait(driver, Browser.WAIT);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("author")));
            assertThat(Accessibility.problems(driver)).as("the search page's accessibility").isEmpty();
            assertThat(((JavascriptExecutor) driver).executeScript(
                    "return getComputedStyle(document.querySelector('.audit-nav ul')).display"))
                    .as("the console's own stylesheet applies under the Content-Security-Policy").isEqualTo("flex");
            driver.findElement(By.id("author")).sendKeys("u-1");
            driver.findElement(By.id("from")).sendKeys(since);
            driver.findElement(By.id("type")).sendKeys("dev.crier.draft.submitted");
            driver.findElement(By.id("search")).click();
            wait.until(ExpectedConditions.urlContains("author=u-1"));
            // Other tests' drafts may come first: follow the cursor until the post shows.
            while (driver.findElements(By.cssSelector("a[data-post-id='" + postId + "']")).isEmpty()) {
                driver.findElement(By.id("next-page")).click();
            }
            driver.findElement(By.cssSelector("a[data-post-id='" + postId + "']")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
            assertThat(Accessibility.problems(driver)).as("the timeline's accessibility").isEmpty();
            assertThat(driver.findElement(By.cssSelector("#timeline pre.payload")).getText())
                    .contains("\"text\" : \"" + SCRIPT + "\"");
            assertThat(driver.findElements(By.cssSelector("main script"))).isEmpty();
            assertThat(driver.getTitle()).doesNotContain("pwned").contains(postId);
            assertThat(driver.findElements(By.cssSelector("#timeline > li"))).hasSize(2);
        } finally {
            driver.quit();
        }
    }
}
