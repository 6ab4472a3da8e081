package dev.crier.audit.console;

import dev.crier.audit.DeadLetters;
import dev.crier.infra.Accessibility;
import dev.crier.infra.Browser;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The dead-letter desk's page: for ops only, masked, forms guarded, and usable in a browser. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class DeadLetterConsoleTest {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String CARD = "4111 1111 1111 1111";

    final EventInjector ingest = new EventInjector(CrierTestResource.infra().kafka(), KafkaAccess.INGEST);

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void close() {
        ingest.close();
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role)).accept(HTML).redirects().follow(false);
    }

    @Test
    void opsSeeTheTopicsAndAMaskedRecordAndReplayItOnceOthersAreRefused() {
        String postId = UUID.randomUUID().toString();
        String place = DeadLetters.place(DeadLetters.poison(ingest, postId, "<script>x()</script> card " + CARD));

        as("auditor").get("/console/dead-letters").then().statusCode(403);
        as("reviewer").post("/console/dead-letters/" + place + "/replay").then().statusCode(403);
        as("ops").get("/console/dead-letters").then().statusCode(200)
                .body(containsString("drafts.submitted.dlq"), containsString("posts.approved.dlq"));
        as("ops").get("/console/dead-letters?topic=drafts.submitted").then().statusCode(200)
                .body(containsString(postId));
        as("ops").get("/console/dead-letters/" + place).then().statusCode(200)
                .body(containsString("&lt;script&gt;x()&lt;/script&gt;"), not(containsString("<script>x()")),
                        not(containsString(CARD)), containsString("id=\"replay\""));

        // A form post carried by the session cookie needs the page's CSRF token.
        given().cookie("crier-session", CrierTestResource.token("ops")).redirects().follow(false)
                .formParam("reason", "x").post("/console/dead-letters/" + place + "/discard").then().statusCode(403);
        as("ops").formParam("reason", "").post("/console/dead-letters/" + place + "/discard").then().statusCode(400)
                .body(containsString("Say why the record is discarded"));
        as("ops").formParam("reason", "cause fixed").post("/console/dead-letters/" + place + "/replay")
                .then().statusCode(303).header("Location", containsString(place + "?done=replayed"));
        as("ops").get("/console/dead-letters/" + place + "?done=replayed").then().statusCode(200)
                .body(containsString("replayed by local-ops"), not(containsString("id=\"replay\"")));
        as("ops").formParam("reason", "again").post("/console/dead-letters/" + place + "/replay").then()
                .statusCode(409).body(containsString("replayed by local-ops"));
        as("ops").get("/console/dead-letters/drafts.submitted/0/999999999").then().statusCode(404);
    }

    @Test
    void inHeadlessChromiumOpsSignInFindTheRecordAndDiscardItWithAReason() {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("[dead-letter-console] " + reason);
            Assumptions.abort(reason);
        });
        String postId = UUID.randomUUID().toString();
        JsonPath record = DeadLetters.poison(ingest, postId, "not json");
        String url = base.toString().replaceAll("/$", "");
        WebDriver driver = Browser.start();
        try {
            Browser.signIn(driver, url, CrierTestResource.token("ops"), "/console/dead-letters");
            WebDriverWait wait = new WebDriverWait(driver, Browser.WAIT);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("topics")));
            assertThat(Accessibility.problems(driver)).as("the topics page's accessibility").isEmpty();
            driver.findElement(By.linkText("drafts.submitted.dlq")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("records")));
            driver.findElement(By.linkText(record.getInt("partition") + "/" + record.getLong("offset"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("discard")));
            assertThat(Accessibility.problems(driver)).as("the record page's accessibility").isEmpty();
            assertThat(driver.findElement(By.id("reason")).getText()).contains("not JSON");
            driver.findElement(By.id("discard-reason")).sendKeys("a test record");
            driver.findElement(By.id("discard")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("desk-notice")));
            assertThat(driver.findElement(By.id("handled")).getText())
                    .contains("discarded by local-ops").contains("a test record");
        } finally {
            driver.quit();
        }
    }
}
