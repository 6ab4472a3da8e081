package dev.crier.stack;

import dev.crier.infra.Accessibility;
import dev.crier.infra.Browser;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Human review across the four services: a draft with a REVIEW finding waits in policy-service's queue, its author
 * may not approve it, a second person approves it (by the API, and in the reviewer console in headless Chromium),
 * and it is published once, every step in the audit timeline.
 */
class ReviewEndToEndTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static final String AUTHOR = "u-e2e-author";
    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void aDraftInReviewIsApprovedByASecondPersonAndPublishedOnce() {
        String id = submitForReview("Questions? Write to pat.martin@gmail.com before Friday.",
                "Des questions? Écrivez à pat.martin@gmail.com avant vendredi.");
        awaitQueued(id);

        decide(person(AUTHOR, "reviewer"), id, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .body("type", equalTo("https://crier.dev/problems/own-draft"));
        // The submitter too, by its token's subject, though the body names another author: policy kept the subject
        // from drafts.submitted.
        decide(person("local-submitter", "comms-head"), id, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .body("type", equalTo("https://crier.dev/problems/own-draft"));
        decide(person("u-e2e-reviewer", "reviewer"), id, "{\"decision\": \"APPROVE\", \"reason\": \"The program's public inbox\"}")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        awaitPublishedOnce(id);
        given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }

    @Test
    void aReviewerApprovesInTheConsoleAndDraftTextIsShownNeverRun() {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("[e2e-review] " + reason);
            Assumptions.abort(reason);
        });
        String id = submitForReview("<script>document.title='pwned'</script> Write to pat.martin@gmail.com.",
                "<script>document.title='pwned'</script> Écrivez à pat.martin@gmail.com.");
        awaitQueued(id);

        WebDriver driver = Browser.start();
        try {
            Browser.signIn(driver, url("policy"), person("u-e2e-console", "reviewer"), "/console/reviews");
            WebDriverWait wait = new WebDriverWait(driver, Browser.WAIT);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-post-id='" + id + "'] a")));
            assertThat(Accessibility.problems(driver)).as("the queue's accessibility").isEmpty();
            driver.findElement(By.cssSelector("tr[data-post-id='" + id + "'] a")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("version-en")));
            assertThat(Accessibility.problems(driver)).as("the draft page's accessibility").isEmpty();
            assertThat(driver.findElement(By.id("version-en")).getText()).startsWith("<script>document.title='pwned'</script>");
            assertThat(driver.findElement(By.id("version-fr")).getText()).contains("Écrivez");
            assertThat(driver.findElements(By.cssSelector("#version-en script, #version-fr script"))).isEmpty();
            assertThat(driver.getTitle()).doesNotContain("pwned");
            assertThat(driver.findElements(By.cssSelector("#version-en mark.review"))).hasSize(1);

            driver.findElement(By.id("decision-approve")).click();
            driver.findElement(By.id("reason")).sendKeys("Checked with the program");
            driver.findElement(By.id("submit-decision")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
            assertThat(driver.findElement(By.id("notice")).getText()).contains(id).contains("APPROVED");
            assertThat(driver.findElements(By.cssSelector("tr[data-post-id='" + id + "']"))).as("left the queue").isEmpty();
        } finally {
            driver.quit();
        }
        awaitPublishedOnce(id);
    }

    // --- helpers

    static String submitForReview(String english, String french) {
        return given(as("submitter")).contentType(ContentType.JSON).body(draftForReview(english, french))
                .post(url("ingest") + "/v1/drafts").then().statusCode(202).extract().path("id");
    }

    /** A draft by {@link #AUTHOR}, who may not approve it. */
    static String draftForReview(String english, String french) {
        return """
                {"text": %s, "translations": {"fr": %s}, "platforms": ["sandbox"],
                 "author": {"id": "%s", "department": "ESDC"}}""".formatted(json(english), json(french), AUTHOR);
    }

    static void awaitQueued(String id) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given(as("reviewer")).get(url("policy") + "/v1/reviews/" + id).then().statusCode(200)
                        .body("status", equalTo("PENDING")));
        // ingest learns it from posts.review a moment later: queued in policy does not mean seen by ingest yet.
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                        .body("status", equalTo("NEEDS_REVIEW")));
    }

    static void awaitPublishedOnce(String id) {
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(given(as("submitter")).get(url("ingest") + "/v1/drafts/" + id).then().statusCode(200)
                        .extract().<String>path("status")).isEqualTo("PUBLISHED"));
        assertThat(given(as("ops")).queryParam("postId", id).get(url("publish") + "/v1/sandbox/posts")
                .then().statusCode(200).extract().jsonPath().getList("$")).as("posts on the sandbox").hasSize(1);
        await().atMost(FLOW).untilAsserted(() -> assertThat(timeline(id)).containsExactlyInAnyOrder(
                "dev.crier.draft.submitted", "dev.crier.post.decided", "dev.crier.post.review",
                "dev.crier.post.approved", "dev.crier.post.published"));
    }

    static io.restassured.response.Response decide(String token, String id, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(url("policy") + "/v1/reviews/" + id + "/decision");
    }

    /** The decision, sent in the reviewer's own trace. */
    static io.restassured.response.Response decide(String token, String id, String body, String traceParent) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("traceparent", traceParent).body(body)
                .post(url("policy") + "/v1/reviews/" + id + "/decision");
    }

    static List<String> timeline(String id) {
        return given(as("auditor")).get(url("audit") + "/v1/audit/posts/" + id)
                .then().extract().jsonPath().getList("records.type", String.class);
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(stack.infra().tokens().issue(role));
    }

    /** A token for a named person (not the role's local-<role> subject). */
    static String person(String subject, String role) {
        return stack.infra().tokens().issue(subject, Set.of(role), Duration.ofHours(1));
    }

    static String url(String service) {
        return stack.service(service).url();
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
