package dev.crier.audit.domain;

import dev.crier.audit.TestEvents;
import dev.crier.events.Event;
import dev.crier.events.EventType;
import dev.crier.events.InvalidEventException;
import dev.crier.events.PolicyReloaded;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.events.signing.TrustedKeysDir;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceivedEventTest {

    static final TrustedKeysDir NO_KEYS = new TrustedKeysDir(Path.of("target/no-trusted-keys"), Duration.ofDays(1),
            Clock.systemUTC());

    @Test
    void aPostEventIsFiledUnderItsPostWithTheValuesBytes() {
        String postId = UUID.randomUUID().toString();
        var event = TestEvents.submitted(postId);
        var received = ReceivedEvent.of(event, "{\"text\": \"été\"}", NO_KEYS);
        assertThat(received.postId()).isEqualTo(UUID.fromString(postId));
        assertThat(received.subject()).isEqualTo(postId);
        assertThat(received.eventId()).isEqualTo(event.id());
        assertThat(received.type()).isEqualTo("dev.crier.draft.submitted");
        assertThat(received.topic()).isEqualTo("drafts.submitted");
        assertThat(received.payload()).isEqualTo("{\"text\": \"été\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(received.signatureCheck()).as("not a decision").isNull();
    }

    @Test
    void aDecisionCarriesItsSignatureCheck() throws Exception {
        String postId = UUID.randomUUID().toString();
        var decided = TestEvents.decided(postId, "a".repeat(64));
        assertThat(ReceivedEvent.of(decided, "{}", NO_KEYS).signatureCheck()).isEqualTo("unsigned");
        var signer = new DecisionSigner("k1", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        var signed = new Event<>(decided.id(), decided.type(), decided.source(), postId, decided.time(),
                signer.sign(decided.data()));
        assertThat(ReceivedEvent.of(signed, "{}", NO_KEYS).signatureCheck()).isEqualTo("unknown-key");
    }

    @Test
    void aPolicyReloadIsAboutNoPost() {
        var reload = new PolicyReloaded("canada-federal", "2", "e".repeat(64), "1", "f".repeat(64), "test", TestEvents.TIME);
        var received = ReceivedEvent.of(Event.of(EventType.POLICY_RELOADED, "/test", "canada-federal", reload.hash(),
                TestEvents.TIME, reload), "{}", NO_KEYS);
        assertThat(received.postId()).isNull();
        assertThat(received.subject()).isEqualTo("canada-federal");
    }

    @Test
    void aPostEventWhoseSubjectIsNotAUuidIsInvalid() {
        var event = TestEvents.submitted("post-1");
        assertThatThrownBy(() -> ReceivedEvent.of(event, "{}", NO_KEYS))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a UUID");
    }
}
