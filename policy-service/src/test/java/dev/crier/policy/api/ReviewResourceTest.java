package dev.crier.policy.api;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.ReviewOutcome;
import dev.crier.events.Topics;
import dev.crier.events.signing.TrustedKeys;
import dev.crier.infra.CrierTestResource;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaBroker;
import dev.crier.infra.TopicReader;
import dev.crier.policy.ReviewQueue;
import dev.crier.policy.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The review queue on the real broker and database: fed from posts.review, decided through the REST API under the
 * review rules, every outcome an event on its topic; expiry and escalation with a clock the test moves.
 */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "policy"))
class ReviewResourceTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration ABSENT = Duration.ofSeconds(3);
    static final PolicyRef POLICY = new PolicyRef("canada-federal", "2026.11.1", "a".repeat(64));
    static final String TEXT = "Questions? Write pat@gmail.com today.";
    static final String FRENCH = "Des questions? Écrivez à pat@gmail.com.";

    @Inject
    TestClock clock;
    @Inject
    ReviewQueue queue;

    final KafkaBroker kafka = CrierTestResource.infra().kafka();
    final EventInjector injector = new EventInjector(kafka);
    final TopicReader topics = new TopicReader(kafka);
    final EventCodec codec = new EventCodec();

    @AfterEach
    void close() {
        clock.reset();
        injector.close();
    }

    static Event<PostDecided> inReview(String postId, String category, Instant publishAt, String department) {
        var draft = new Draft(TEXT, "en", Map.of("fr", FRENCH), List.of("sandbox", "x"),
                List.of(), new Draft.Author("u-author", "Pat", department), category, publishAt, null, null);
        Instant decidedAt = Instant.now();
        var decided = new PostDecided(postId, Decision.NEEDS_REVIEW, 40, List.of(email("en", TEXT), email("fr", FRENCH)),
                POLICY, decidedAt, draft);
        return Event.of(EventType.POST_REVIEW, "/test", postId, POLICY.hash(), decidedAt, decided);
    }

    static Finding email(String version, String text) {
        int start = text.indexOf("pat@gmail.com");
        return new Finding("privacy.email", Finding.Action.REVIEW, true, "An e-mail address outside the allowed domains",
                "Une adresse courriel", version, start, start + "pat@gmail.com".length(), "p**@gmail.com", "Use an official address");
    }

    String queued(String category, Instant publishAt) {
        return queued(category, publishAt, "HC");
    }

    String queued(String category, Instant publishAt, String department) {
        String postId = UUID.randomUUID().toString();
        injector.send(inReview(postId, category, publishAt, department));
        await().atMost(WAIT).untilAsserted(() -> as("reviewer").get("/v1/reviews/" + postId).then().statusCode(200));
        return postId;
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(CrierTestResource.token(role));
    }

    static RequestSpecification person(String subject, String role) {
        return given().auth().oauth2(CrierTestResource.infra().tokens().issue(subject, Set.of(role), Duration.ofHours(1)));
    }

    static io.restassured.response.Response decide(RequestSpecification who, String postId, String body) {
        return who.contentType(ContentType.JSON).body(body).post("/v1/reviews/" + postId + "/decision");
    }

    @Test
    void aQueuedDraftIsShownWithItsFindingsAndApprovedByAnotherPersonOnce() {
        String postId = queued(null, Instant.now().plus(3, ChronoUnit.DAYS));

        as("reviewer").get("/v1/reviews/" + postId).then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("draft.text", equalTo(TEXT))
                .body("draft.translations.fr", notNullValue())
                .body("findings[0].ruleId", equalTo("privacy.email"))
                .body("findings[0].start", equalTo(17)).body("findings[0].end", equalTo(30))
                .body("policy.version", equalTo("2026.11.1"))
                .body("history.action", contains("QUEUED"));
        as("comms-head").get("/v1/reviews").then().statusCode(200).body("postId", hasItem(postId));

        // The author may not judge their own draft, whatever their role.
        decide(person("u-author", "comms-head"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://crier.dev/problems/own-draft"));

        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\", \"reason\": \"Address is the program's own\"}")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("eventPending", equalTo(false))
                .body("history.action", contains("QUEUED", "APPROVE"));

        PostDecided approved = only(EventType.POST_APPROVED, postId);
        assertThat(approved.decision()).isEqualTo(Decision.APPROVED);
        assertThat(approved.review().reviewer()).isEqualTo("u-alex");
        assertThat(approved.review().role()).isEqualTo("reviewer");
        assertThat(approved.review().reason()).isEqualTo("Address is the program's own");
        assertThat(approved.review().approvers()).containsExactly("u-alex");
        assertThat(approved.draft().text()).isEqualTo(TEXT);
        assertThat(approved.findings()).extracting(Finding::ruleId).containsExactly("privacy.email", "privacy.email");
        // Signed anew over the person's decision: the automatic decision's signature does not cover the review.
        var keys = CrierTestResource.infra().decisionKeys();
        assertThat(approved.signature().keyId()).isEqualTo(keys.keyId());
        assertThat(TrustedKeys.load(keys.trustedKeysDir()).verify(approved).verified()).isTrue();

        // Decided already: 409 with the state as it now stands.
        decide(person("u-sam", "reviewer"), postId, "{\"decision\": \"REJECT\", \"reason\": \"late\"}").then().statusCode(409)
                .contentType("application/problem+json").body("current.status", equalTo("APPROVED"))
                .body("current.approvals[0].reviewer", equalTo("u-alex"));
        as("reviewer").get("/v1/reviews").then().body("postId", not(hasItem(postId)));
        assertThat(topics.readPost(Topics.POSTS_REJECTED, postId, 1, ABSENT)).isEmpty();
    }

    @Test
    void aDecisionWhileKafkaIsAwayIsRecordedAnsweredWith202AndSentWhenKafkaIsBack() {
        String postId = queued(null, null);
        var kafka = CrierTestResource.infra().kafka();
        kafka.stop();
        try {
            decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\", \"reason\": \"fine\"}")
                    .then().statusCode(202).body("status", equalTo("APPROVED")).body("eventPending", equalTo(true));
            as("reviewer").get("/v1/reviews/" + postId).then().body("eventPending", equalTo(true));
        } finally {
            kafka.start();
        }
        // The outbox relay sends it on its own once the broker is back.
        await().atMost(WAIT).untilAsserted(() -> as("reviewer").get("/v1/reviews/" + postId).then()
                .body("eventPending", equalTo(false)));
        assertThat(only(EventType.POST_APPROVED, postId).review().reviewer()).isEqualTo("u-alex");
    }

    @Test
    void theSubmitterOfADraftMayNotJudgeItWhateverAuthorItsBodyNames() {
        // Through the whole of policy-service: drafts.submitted is decided (DraftConsumer keeps the submitter with the
        // decision), routed to posts.review and queued with its submitter.
        String postId = UUID.randomUUID().toString();
        var draft = new Draft("Questions? Write to pat.martin@gmail.com before Friday.", "en",
                Map.of("fr", "Des questions? Écrivez à pat.martin@gmail.com avant vendredi."), List.of("sandbox"), List.of(),
                new Draft.Author("u-someone-else", "Pat", "HC"), null, null, null, null);
        injector.send(Event.of(EventType.DRAFT_SUBMITTED, "/test", postId, null, Instant.now(),
                new DraftSubmitted(postId, draft, "cms-7", "cms-app", Instant.now())));
        await().atMost(WAIT).untilAsserted(() -> as("reviewer").get("/v1/reviews/" + postId).then().statusCode(200));

        decide(person("cms-7", "comms-head"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("https://crier.dev/problems/own-draft"));
        decide(person("cms-7", "reviewer"), postId, "{\"decision\": \"REJECT\", \"reason\": \"mine\"}").then().statusCode(403);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\", \"reason\": \"fine\"}")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void badDecisionsAreProblemsAndNothingChanges() {
        String postId = queued(null, null);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"REJECT\"}").then().statusCode(422)
                .body("type", equalTo("https://crier.dev/problems/invalid-decision")).body("detail", org.hamcrest.Matchers.containsString("reason"));
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"REQUEST_CHANGES\", \"reason\": \"  \"}").then().statusCode(422);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"MAYBE\", \"colour\": 1}").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("decision", "colour"));
        decide(person("u-alex", "reviewer"), postId, "{not json").then().statusCode(422);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\", \"publishAt\": \"2099-01-01T00:00:00Z\"}")
                .then().statusCode(403).body("type", equalTo("https://crier.dev/problems/comms-head-required"));
        decide(person("u-alex", "reviewer"), UUID.randomUUID().toString(), "{\"decision\": \"APPROVE\"}").then().statusCode(404);
        decide(person("u-alex", "reviewer"), "not-a-uuid", "{\"decision\": \"APPROVE\"}").then().statusCode(404);
        as("submitter").get("/v1/reviews/" + postId).then().statusCode(403);
        given().get("/v1/reviews").then().statusCode(401);
        as("reviewer").queryParam("status", "LOST").get("/v1/reviews").then().statusCode(400).body("errors.field", hasItem("status"));

        as("reviewer").get("/v1/reviews/" + postId).then().body("status", equalTo("PENDING")).body("history.action", contains("QUEUED"));
    }

    @Test
    void requestChangesIsAnEventWithTheReviewerAndTheReason() {
        String postId = queued(null, null);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"REQUEST_CHANGES\", \"reason\": \"Use the program's address\"}")
                .then().statusCode(200).body("status", equalTo("CHANGES_REQUESTED"));
        var records = topics.readPost(Topics.POSTS_CHANGES_REQUESTED, postId, 1, WAIT);
        assertThat(records).hasSize(1);
        ReviewOutcome outcome = codec.decode(EventType.POST_CHANGES_REQUESTED, records.get(0).value());
        assertThat(outcome.outcome()).isEqualTo(ReviewOutcome.Outcome.CHANGES_REQUESTED);
        assertThat(outcome.actor()).isEqualTo("u-alex");
        assertThat(outcome.reason()).isEqualTo("Use the program's address");
    }

    @Test
    void aRejectionByAPersonTravelsMasked() {
        String postId = queued(null, null);
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"REJECT\", \"reason\": \"Personal address\"}")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        var records = topics.readPost(Topics.POSTS_REJECTED, postId, 1, WAIT);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).doesNotContain("pat@gmail.com");
        PostDecided rejected = codec.decode(EventType.POST_REJECTED, records.get(0).value());
        assertThat(rejected.review().reason()).isEqualTo("Personal address");
        assertThat(rejected.decision()).isEqualTo(Decision.REJECTED);
        assertThat(TrustedKeys.load(CrierTestResource.infra().decisionKeys().trustedKeysDir()).verify(rejected).verified()).isTrue();
    }

    @Test
    void redeliveryMakesNoDuplicateAndPoisonGoesToTheDeadLetterTopic() {
        String postId = UUID.randomUUID().toString();
        var event = inReview(postId, "redelivery", null, "HC");
        injector.send(event);
        injector.send(event);
        String poisonKey = UUID.randomUUID().toString();
        injector.raw(Topics.POSTS_REVIEW, poisonKey, "{not an event", new RecordHeaders());
        String after = queued("redelivery", null);

        assertThat(topics.readPost(Topics.deadLetter(Topics.POSTS_REVIEW), poisonKey, 1, WAIT)).hasSize(1);
        as("reviewer").queryParam("category", "redelivery").get("/v1/reviews").then().statusCode(200)
                .body("postId", org.hamcrest.Matchers.containsInAnyOrder(postId, after));
        as("reviewer").get("/v1/reviews/" + postId).then().body("history.action", contains("QUEUED"));
    }

    @Test
    void twoReviewersAtOnceOneWinsTheOtherGets409() throws Exception {
        String postId = queued(null, null);
        var start = new CountDownLatch(1);
        Callable<Integer> approve = () -> {
            start.await();
            return decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\"}").statusCode();
        };
        Callable<Integer> reject = () -> {
            start.await();
            return decide(person("u-sam", "reviewer"), postId, "{\"decision\": \"REJECT\", \"reason\": \"No\"}").statusCode();
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(approve);
            var r = pool.submit(reject);
            start.countDown();
            assertThat(List.of(a.get(), r.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        int events = topics.readPost(Topics.POSTS_APPROVED, postId, 1, ABSENT).size()
                + topics.readPost(Topics.POSTS_REJECTED, postId, 1, ABSENT).size();
        assertThat(events).as("exactly one outcome event").isEqualTo(1);
    }

    @Test
    void aCrisisDraftNeedsTwoPeopleOneOfThemTheCommsHead() {
        String postId = queued("crisis", null);
        as("reviewer").get("/v1/reviews/" + postId).then().body("requirements.commsHead", equalTo(true))
                .body("requirements.approvals", equalTo(2));

        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("approvals.reviewer", contains("u-alex"));
        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .body("type", equalTo("https://crier.dev/problems/second-approval-by-another-person"));
        decide(person("u-sam", "reviewer"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(403)
                .body("type", equalTo("https://crier.dev/problems/comms-head-required"));
        assertThat(topics.readPost(Topics.POSTS_APPROVED, postId, 1, ABSENT)).as("no approval yet").isEmpty();

        decide(person("u-head", "comms-head"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        PostDecided approved = only(EventType.POST_APPROVED, postId);
        assertThat(approved.review().approvers()).containsExactly("u-alex", "u-head");
        assertThat(approved.review().role()).isEqualTo("comms-head");
    }

    @Test
    void aDraftWhosePublishAtPassesExpiresAndOnlyACommsHeadGivesItANewTime() {
        Instant publishAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String postId = queued(null, publishAt);
        double expiredBefore = reviews("EXPIRE");
        double approvedBefore = reviews("APPROVE");

        clock.advance(Duration.ofHours(2));
        queue.sweep();
        queue.sweep();
        assertThat(reviews("EXPIRE")).as("crier_reviews_total counts the expiry once").isEqualTo(expiredBefore + 1);
        as("reviewer").get("/v1/reviews/" + postId).then().body("status", equalTo("EXPIRED"))
                .body("history.action", contains("QUEUED", "EXPIRE"));
        var expired = topics.readPost(Topics.POSTS_EXPIRED, postId, 2, ABSENT);
        assertThat(expired).as("expired once").hasSize(1);
        ReviewOutcome outcome = codec.decode(EventType.POST_EXPIRED, expired.get(0).value());
        assertThat(outcome.actor()).isEqualTo("system");
        assertThat(outcome.reason()).contains(publishAt.toString());

        decide(person("u-alex", "reviewer"), postId, "{\"decision\": \"APPROVE\"}").then().statusCode(409)
                .body("current.status", equalTo("EXPIRED"));
        Instant later = clock.instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        decide(person("u-head", "comms-head"), postId, "{\"decision\": \"APPROVE\", \"publishAt\": \"" + later + "\"}")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        assertThat(only(EventType.POST_APPROVED, postId).draft().publishAt()).isEqualTo(later);
        assertThat(reviews("APPROVE")).as("the refused approval is not counted").isEqualTo(approvedBefore + 1);
    }

    /**
     * {@code crier_reviews_total{action}} as policy-service exports it now (0 before the first). A step taken in a
     * request's trace adds an exemplar after the value ({@code # {span_id=...,trace_id=...} 1.0 <time>}).
     */
    static double reviews(String action) {
        var m = Pattern.compile("(?m)^crier_reviews_total\\{action=\"" + action + "\"[^}]*} ([0-9.E]+)( # .*)?$")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aHealthSafetyDraftIsEscalatedOnceAfterHalfAnHour() {
        String urgent = queued("health-safety", null);
        String ordinary = queued(null, null);

        clock.advance(Duration.ofMinutes(31));
        queue.sweep();
        queue.sweep();
        var escalations = topics.readPost(Topics.REVIEWS_ESCALATED, urgent, 2, ABSENT);
        assertThat(escalations).as("escalated once").hasSize(1);
        assertThat(codec.decode(EventType.REVIEW_ESCALATED, escalations.get(0).value()).reason()).contains("30 min");
        as("reviewer").get("/v1/reviews/" + urgent).then().body("status", equalTo("PENDING"))
                .body("escalatedAt", notNullValue()).body("history.action", contains("QUEUED", "ESCALATE"));
        assertThat(topics.readPost(Topics.REVIEWS_ESCALATED, ordinary, 1, Duration.ofSeconds(1))).as("4 h limit").isEmpty();

        clock.advance(Duration.ofHours(4));
        queue.sweep();
        assertThat(topics.readPost(Topics.REVIEWS_ESCALATED, ordinary, 1, WAIT)).hasSize(1);
    }

    @Test
    void theQueueIsFilteredAndMostUrgentFirst() {
        String dept = "D-" + UUID.randomUUID();
        Instant now = Instant.now();
        String later = queued(null, now.plus(2, ChronoUnit.DAYS), dept);
        String sooner = queued(null, now.plus(1, ChronoUnit.DAYS), dept);
        String undated = queued(null, null, dept);
        String health = queued("health-safety", null, dept);

        as("reviewer").queryParam("department", dept).get("/v1/reviews").then().statusCode(200)
                .body("postId", contains(health, sooner, later, undated));
        as("reviewer").queryParam("department", dept).queryParam("category", "health-safety").get("/v1/reviews")
                .then().body("postId", contains(health));
        as("reviewer").queryParam("department", dept).queryParam("platform", "mastodon").get("/v1/reviews")
                .then().body("postId", org.hamcrest.Matchers.empty());
        as("reviewer").queryParam("department", dept).queryParam("platform", "x").queryParam("olderThan", "1h").get("/v1/reviews")
                .then().body("postId", org.hamcrest.Matchers.empty());
        clock.advance(Duration.ofMinutes(61));
        as("reviewer").queryParam("department", dept).queryParam("platform", "x").queryParam("olderThan", "1h").get("/v1/reviews")
                .then().body("postId", org.hamcrest.Matchers.hasSize(4));
    }

    @Test
    void theConsoleShowsDraftTextEscapedAndItsFormsNeedTheCsrfToken() {
        String postId = UUID.randomUUID().toString();
        var event = inReview(postId, null, null, "HC");
        var d = event.data().draft();
        var script = new Draft("<script>alert('x')</script> " + TEXT, d.language(), d.translations(), d.platforms(),
                d.media(), d.author(), d.category(), d.publishAt(), null, null);
        injector.send(Event.of(EventType.POST_REVIEW, "/test", postId, POLICY.hash(), event.time(),
                new PostDecided(postId, Decision.NEEDS_REVIEW, 40, event.data().findings(), POLICY, event.time(), script)));
        await().atMost(WAIT).untilAsserted(() -> as("reviewer").get("/v1/reviews/" + postId).then().statusCode(200));

        String page = as("reviewer").accept("text/html").get("/console/reviews/" + postId).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
        assertThat(page).contains("lang=\"fr\"").contains("<mark class=\"review\"").contains("name=\"crier-csrf\"");
        as("reviewer").accept("text/html").get("/console/reviews").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/console/reviews/" + postId));

        // A form post from a signed-in browser without the CSRF token is refused, and nothing changes.
        String session = CrierTestResource.infra().tokens().issue("u-alex", Set.of("reviewer"), Duration.ofHours(1));
        given().cookie("crier-session", session).contentType(ContentType.URLENC).formParam("decision", "APPROVE")
                .post("/console/reviews/" + postId + "/decision").then().statusCode(403)
                .body("title", equalTo("Form token missing or stale"));
        as("reviewer").get("/v1/reviews/" + postId).then().body("status", equalTo("PENDING"));
        // Unsigned browsers are sent to sign in; the console is where a sign-in lands by default.
        given().accept("text/html").redirects().follow(false).get("/console/reviews").then().statusCode(303);
        given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/reviews"));
    }

    private PostDecided only(EventType<PostDecided> type, String postId) {
        List<ConsumerRecord<String, String>> records = topics.readPost(type.topic(), postId, 2, ABSENT);
        if (records.isEmpty()) {
            records = topics.readPost(type.topic(), postId, 1, WAIT);
        }
        assertThat(records).as("%s for %s", type.topic(), postId).hasSize(1);
        return codec.decode(type, records.get(0).value());
    }
}
