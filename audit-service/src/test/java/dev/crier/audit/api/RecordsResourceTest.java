package dev.crier.audit.api;

import dev.crier.audit.TestEvents;
import dev.crier.audit.domain.ReceivedEvent;
import dev.crier.audit.store.AuditLedger;
import dev.crier.events.Decision;
import dev.crier.events.signing.TrustedKeysDir;
import dev.crier.events.Draft;
import dev.crier.events.DraftSubmitted;
import dev.crier.events.Event;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.Finding;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.infra.CrierTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Filtered, paged searches; streamed exports ending with their checkpoint; daily counts. */
@QuarkusTest
@QuarkusTestResource(value = CrierTestResource.class, initArgs = @ResourceArg(name = "service", value = "audit"))
class RecordsResourceTest {

    @Inject
    AuditLedger ledger;

    @Inject
    TrustedKeysDir trustedKeys;

    String author;
    String rule;
    String postId;

    @BeforeEach
    void aSubmittedAndRejectedDraft() {
        author = TestEvents.uniqueName("author-");
        rule = "rule-" + UUID.randomUUID();
        postId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Draft draft = new Draft("Hello <b>", "en", null, List.of("sandbox", "mastodon"), null,
                new Draft.Author(author, "Pat", "HC"), null, null, null, null);
        var submitted = Event.of(EventType.DRAFT_SUBMITTED, TestEvents.SOURCE, postId, null, now,
                new DraftSubmitted(postId, draft, "local-submitter", null, now));
        var decided = Event.of(EventType.POST_DECIDED, TestEvents.SOURCE, postId, null, now,
                new PostDecided(postId, Decision.REJECTED, 80, List.of(new Finding(rule, Finding.Action.BLOCK, false,
                        "m", "m", "en", 0, 5, "Hello", null)), new PolicyRef("p", "1", "c".repeat(64)), now, draft));
        EventCodec codec = new EventCodec();
        ledger.appendAll(List.of(ReceivedEvent.of(submitted, codec.encode(submitted.type(), submitted.data()), trustedKeys),
                ReceivedEvent.of(decided, codec.encode(decided.type(), decided.data()), trustedKeys)));
    }

    static JsonPath get(String path) {
        return ProofResourceTest.get(path);
    }

    @Test
    void filtersFindTheRecordsAndPagesFollowTheCursor() {
        assertThat(get("/v1/audit/records?author=" + author).getList("records.type", String.class))
                .containsExactly("dev.crier.draft.submitted", "dev.crier.post.decided");
        assertThat(get("/v1/audit/records?rule=" + rule).getList("records.postId", String.class)).containsExactly(postId);
        assertThat(get("/v1/audit/records?author=" + author + "&decision=REJECTED&type=dev.crier.post.decided"
                + "&department=HC&platform=mastodon&from=2000-01-01T00:00:00Z").getList("records")).hasSize(1);
        assertThat(get("/v1/audit/records?author=" + author + "&to=2000-01-01T00:00:00Z").getList("records")).isEmpty();
        assertThat(get("/v1/audit/records?author=x' OR '1'='1").getList("records")).isEmpty();

        JsonPath first = get("/v1/audit/records?author=" + author + "&limit=1");
        assertThat(first.getString("records[0].data.draft.author.id")).isEqualTo(author);
        JsonPath second = get("/v1/audit/records?author=" + author + "&limit=1&cursor=" + first.getString("next"));
        assertThat(second.getLong("records[0].index")).isGreaterThan(first.getLong("records[0].index"));
        TimelineResourceTest.as("auditor").get("/v1/audit/records?author=" + author + "&limit=1&cursor="
                + second.getString("next")).then().statusCode(200).body("records", hasSize(0)).body("next", nullValue());
    }

    @Test
    void badFiltersAreProblems() {
        for (String query : List.of("limit=1001", "limit=0", "cursor=-2", "from=yesterday", "type=bogus",
                "decision=MAYBE")) {
            TimelineResourceTest.as("auditor").get("/v1/audit/records?" + query).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        TimelineResourceTest.as("auditor").get("/v1/audit/export?format=xml").then().statusCode(400);
        TimelineResourceTest.as("reviewer").get("/v1/audit/export").then().statusCode(403);
        TimelineResourceTest.as("submitter").get("/v1/audit/stats").then().statusCode(403);
    }

    @Test
    void exportsStreamTheRecordsAndEndWithTheirCheckpoint() {
        String[] lines = TimelineResourceTest.as("auditor").get("/v1/audit/export?format=jsonl&author=" + author)
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(JsonPath.from(lines[0]).getString("eventId")).isNotBlank();
        assertThat(JsonPath.from(lines[0]).getString("bytes")).isNotBlank();
        JsonPath checkpoint = JsonPath.from(lines[2]);
        assertThat(checkpoint.getLong("checkpoint.treeSize")).isGreaterThan(JsonPath.from(lines[1]).getLong("index"));
        assertThat(checkpoint.getString("checkpoint.note")).startsWith("crier.dev/audit\n");

        String csv = TimelineResourceTest.as("auditor").get("/v1/audit/export?format=csv&author=" + author)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv).startsWith("index,eventId,type,topic,postId,source,time,receivedAt,leafHash,payload\r\n")
                .contains(",dev.crier.post.decided,posts.decided," + postId + ",")
                .contains(",,checkpoint,,,crier.dev/audit,");
    }

    @Test
    void statsCountDecisionsRulesAndPlatformsPerDay() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath stats = get("/v1/audit/stats?author=" + author);
        assertThat(stats.getList("decisions.key", String.class)).containsExactly("REJECTED");
        assertThat(stats.getList("decisions.day", String.class)).containsExactly(today);
        assertThat(stats.getList("rules.key", String.class)).containsExactly(rule);
        assertThat(stats.getList("rules.count", Long.class)).containsExactly(1L);
    }
}
