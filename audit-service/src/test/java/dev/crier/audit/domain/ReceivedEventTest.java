package dev.crier.audit.domain;

import dev.crier.audit.TestEvents;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PolicyReloaded;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceivedEventTest {

    @Test
    void aPostEventIsFiledUnderItsPostWithTheValuesBytes() {
        String postId = UUID.randomUUID().toString();
        var event = TestEvents.submitted(postId);
        var received = ReceivedEvent.of(event, "{\"text\": \"été\"}");
        assertThat(received.postId()).isEqualTo(UUID.fromString(postId));
        assertThat(received.subject()).isEqualTo(postId);
        assertThat(received.eventId()).isEqualTo(event.id());
        assertThat(received.type()).isEqualTo("dev.crier.draft.submitted");
        assertThat(received.topic()).isEqualTo("drafts.submitted");
        assertThat(received.payload()).isEqualTo("{\"text\": \"été\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPolicyReloadIsAboutNoPost() {
        var reload = new PolicyReloaded("canada-federal", "2", "e".repeat(64), "1", "f".repeat(64), "test", TestEvents.TIME);
        var received = ReceivedEvent.of(Event.of(EventType.POLICY_RELOADED, "/test", "canada-federal", reload.hash(),
                TestEvents.TIME, reload), "{}");
        assertThat(received.postId()).isNull();
        assertThat(received.subject()).isEqualTo("canada-federal");
    }

    @Test
    void aPostEventWhoseSubjectIsNotAUuidIsInvalid() {
        var event = TestEvents.submitted("post-1");
        assertThatThrownBy(() -> ReceivedEvent.of(event, "{}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a UUID");
    }
}
