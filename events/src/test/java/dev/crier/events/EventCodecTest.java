package dev.crier.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    static final Instant T = Instant.parse("2026-11-25T10:15:30Z");
    static final Draft DRAFT = new Draft("Flu clinics open Monday.", "en", Map.of("fr", "Les cliniques ouvrent lundi."),
            List.of("sandbox", "x"), List.of(new Draft.Media("https://canada.ca/a.png", "A nurse", "image/png")),
            new Draft.Author("u-42", "Pat", "HC"), "health-safety", T.plusSeconds(3600), null, "cms-7");

    static final String P1 = "7b0a3c9e-5a4f-4c1e-9d2b-3f6a8e1c2d4b";

    final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeRoundTripsThroughItsSchema() {
        var submitted = new DraftSubmitted(P1, DRAFT, "cms", "cms-client", T);
        var decided = new PostDecided(P1, Decision.NEEDS_REVIEW, 40,
                List.of(new Finding("privacy.phone", Finding.Action.REVIEW, true, "Phone number", "Numéro", "en", 3, 15,
                        "***-***-1234", "Use the official number")),
                new PolicyRef("canada-federal", "1", "a".repeat(64)), T, DRAFT);
        var outcome = new PublishOutcome(P1, PublishOutcome.Status.PARTIALLY_PUBLISHED,
                List.of(new PublishOutcome.PlatformResult("sandbox", "@hc", PublishOutcome.State.PUBLISHED, "s-1",
                                "http://x/s-1", null),
                        new PublishOutcome.PlatformResult("x", null, PublishOutcome.State.FAILED, null, null,
                                "no account")), T);
        var reviewed = decided.reviewed(Decision.APPROVED,
                new Review("u-7", "comms-head", "Checked with legal", T, List.of("u-7", "u-9")), T, DRAFT);
        var expired = new ReviewOutcome(P1, ReviewOutcome.Outcome.EXPIRED, "system", "publishAt passed in review", T);
        var retracted = new PostRetracted(P1, "u-7", "Wrong date",
                List.of(new PostRetracted.Retraction("sandbox", "@hc", "s-1", true, null)), T);
        var checkpoint = new CheckpointIssued("crier.local/audit", 42, "A".repeat(43) + "=", "crier.local/audit\n42\n", T);

        assertThat(codec.decode(EventType.DRAFT_SUBMITTED, codec.encode(EventType.DRAFT_SUBMITTED, submitted)))
                .isEqualTo(submitted);
        for (EventType<PostDecided> t : List.of(EventType.POST_DECIDED, EventType.POST_APPROVED, EventType.POST_REVIEW,
                EventType.POST_REJECTED)) {
            assertThat(codec.decode(t, codec.encode(t, decided))).isEqualTo(decided);
        }
        assertThat(codec.decode(EventType.POST_PUBLISHED, codec.encode(EventType.POST_PUBLISHED, outcome)))
                .isEqualTo(outcome);
        assertThat(codec.decode(EventType.POST_APPROVED, codec.encode(EventType.POST_APPROVED, reviewed)))
                .isEqualTo(reviewed);
        for (ReviewOutcome.Outcome o : ReviewOutcome.Outcome.values()) {
            EventType<ReviewOutcome> t = EventType.outcomeOf(o);
            assertThat(codec.decode(t, codec.encode(t, expired))).isEqualTo(expired);
        }
        assertThat(codec.decode(EventType.POST_RETRACTED, codec.encode(EventType.POST_RETRACTED, retracted)))
                .isEqualTo(retracted);
        assertThat(codec.decode(EventType.CHECKPOINT_ISSUED, codec.encode(EventType.CHECKPOINT_ISSUED, checkpoint)))
                .isEqualTo(checkpoint);
    }

    @Test
    void theAuditRecordsEveryPipelineTopicButNotItsOwnCheckpoints() {
        assertThat(Topics.pipeline()).doesNotContain(Topics.AUDIT_CHECKPOINTS)
                .containsAll(EventType.all().stream().map(EventType::topic)
                        .filter(t -> !t.equals(Topics.AUDIT_CHECKPOINTS)).toList());
        assertThat(Topics.events()).containsAll(Topics.pipeline()).contains(Topics.AUDIT_CHECKPOINTS);
    }

    @Test
    void refusesPayloadsTheSchemaDoesNotAllow() {
        assertThatThrownBy(() -> codec.decode(EventType.DRAFT_SUBMITTED, "{not json"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(EventType.DRAFT_SUBMITTED, "{\"postId\":\"" + P1 + "\"}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("draft");
        String badPlatform = codec.encode(EventType.DRAFT_SUBMITTED, new DraftSubmitted(P1, DRAFT, "cms", null, T))
                .replace("\"x\"", "\"myspace\"");
        assertThatThrownBy(() -> codec.decode(EventType.DRAFT_SUBMITTED, badPlatform))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("platforms");
        String badTime = codec.encode(EventType.DRAFT_SUBMITTED, new DraftSubmitted(P1, DRAFT, "cms", null, T))
                .replace("2026-11-25T10:15:30Z\"}", "yesterday\"}");
        assertThatThrownBy(() -> codec.decode(EventType.DRAFT_SUBMITTED, badTime))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("submittedAt");
        assertThatThrownBy(() -> codec.decode(EventType.POST_DECIDED, ""))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty");
    }

    @Test
    void refusesToSendAnInvalidEvent() {
        var noText = new Draft("", "en", null, List.of("sandbox"), null, new Draft.Author("u", null, null), null, null, null, null);
        assertThatThrownBy(() -> codec.encode(EventType.DRAFT_SUBMITTED, new DraftSubmitted(P1, noText, "cms", null, T)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }

    @Test
    void theAccountRegistryRoundTripsAndFindsADepartmentsAccountWhateverItsCase() {
        var listed = new AccountsListed(List.of(new AccountsListed.Account("sandbox", "@hc", "HC", "bilingual"),
                new AccountsListed.Account("x", "@SanteCanada", "hc", "fr")), T);
        assertThat(codec.decode(EventType.ACCOUNTS_LISTED, codec.encode(EventType.ACCOUNTS_LISTED, listed)))
                .isEqualTo(listed);
        assertThat(listed.find("x", " HC ")).map(AccountsListed.Account::needs).contains(List.of("fr"));
        assertThat(listed.find("sandbox", "hc")).map(AccountsListed.Account::needs).contains(List.of("en", "fr"));
        assertThat(listed.find("linkedin", "HC")).isEmpty();
        assertThat(listed.find("x", null)).isEmpty();
        var secretive = "{\"accounts\": [{\"platform\": \"x\", \"handle\": \"@a\", \"department\": \"HC\", "
                + "\"language\": \"en\", \"accessToken\": \"s3cret\"}], \"listedAt\": \"2026-11-25T10:15:30Z\"}";
        assertThatThrownBy(() -> codec.decode(EventType.ACCOUNTS_LISTED, secretive))
                .as("an account carries no more than its public facts").isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aDeadLetterReplayNeedsNoReasonButADiscardDoes() {
        var replay = new DeadLetterHandled(DeadLetterHandled.Action.REPLAY, "drafts.submitted.dlq", 2, 17,
                "drafts.submitted", P1, null, null, "local-ops", T);
        assertThat(codec.decode(EventType.DEAD_LETTER_HANDLED, codec.encode(EventType.DEAD_LETTER_HANDLED, replay)))
                .isEqualTo(replay);
        var discard = new DeadLetterHandled(DeadLetterHandled.Action.DISCARD, "drafts.submitted.dlq", 2, 17,
                "drafts.submitted", P1, null, "a test record", "local-ops", T);
        assertThat(codec.decode(EventType.DEAD_LETTER_HANDLED, codec.encode(EventType.DEAD_LETTER_HANDLED, discard)))
                .isEqualTo(discard);
        var unexplained = new DeadLetterHandled(DeadLetterHandled.Action.DISCARD, "drafts.submitted.dlq", 2, 17,
                "drafts.submitted", P1, null, null, "local-ops", T);
        assertThatThrownBy(() -> codec.encode(EventType.DEAD_LETTER_HANDLED, unexplained))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void eventIdsAreDeterministicPerTypePostAndDiscriminator() {
        String id = Event.idOf(EventType.POST_DECIDED, "p1", "hash1");
        assertThat(Event.idOf(EventType.POST_DECIDED, "p1", "hash1")).isEqualTo(id);
        assertThat(Event.idOf(EventType.POST_DECIDED, "p2", "hash1")).isNotEqualTo(id);
        assertThat(Event.idOf(EventType.POST_DECIDED, "p1", "hash2")).isNotEqualTo(id);
        assertThat(Event.idOf(EventType.POST_APPROVED, "p1", "hash1")).isNotEqualTo(id);
    }

    @Test
    void everyTopicHasADeadLetterTopicAndEveryTypeASchema() {
        assertThat(Topics.all()).contains("drafts.submitted", "drafts.submitted.dlq", "posts.publish-failed.dlq");
        for (EventType<?> t : EventType.all()) {
            assertThat(EventCodec.class.getResource(t.schemaResource())).as(t.schema()).isNotNull();
            assertThat(EventType.ofTopic(t.topic())).contains(t);
        }
    }
}
