package dev.crier.events.signing;

import dev.crier.events.DecisionSignature;
import dev.crier.events.Draft;
import dev.crier.events.EventCodec;
import dev.crier.events.EventType;
import dev.crier.events.PostDecided;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeysTest {

    @TempDir
    Path dir;

    @Test
    void eachWayOfNotBeingTrustedIsTold() throws Exception {
        KeyPair trusted = pair();
        write("k1", trusted);
        TrustedKeys keys = TrustedKeys.load(dir);
        PostDecided decided = SignedDecisionTest.vectorDecision();
        PostDecided signed = new DecisionSigner("k1", trusted.getPrivate()).sign(decided);

        assertThat(keys.verify(signed)).isEqualTo(new Verification(Verification.Status.VERIFIED, "k1", null));
        assertThat(keys.verify(decided).status()).isEqualTo(Verification.Status.UNSIGNED);
        assertThat(keys.verify(new DecisionSigner("k2", pair().getPrivate()).sign(decided)).status())
                .isEqualTo(Verification.Status.UNKNOWN_KEY);
        // A forger who names the trusted key's id with another key.
        assertThat(keys.verify(new DecisionSigner("k1", pair().getPrivate()).sign(decided)).status())
                .isEqualTo(Verification.Status.FAILED);
        Draft d = signed.draft();
        var altered = new PostDecided(signed.postId(), signed.decision(), signed.riskScore(), signed.findings(),
                signed.shadowFindings(), signed.policy(), signed.decidedAt(), new Draft(d.text() + " Buy now!", d.language(),
                d.translations(), d.platforms(), d.media(), d.author(), d.category(), d.publishAt(), d.repostOf(),
                d.externalId()), signed.review(), signed.signature());
        Verification failed = keys.verify(altered);
        assertThat(failed.status()).isEqualTo(Verification.Status.FAILED);
        assertThat(failed.label()).startsWith("failed: the signature by key 'k1' does not match");
        assertThat(keys.verify(signed.signedWith(new DecisionSignature("k1", "not base64!"))).status())
                .isEqualTo(Verification.Status.FAILED);
    }

    @Test
    void aSignedDecisionSurvivesItsJsonRoundTrip() throws Exception {
        KeyPair key = pair();
        write("k1", key);
        PostDecided signed = new DecisionSigner("k1", key.getPrivate()).sign(SignedDecisionTest.vectorDecision());
        var codec = new EventCodec();
        PostDecided read = codec.decode(EventType.POST_APPROVED, codec.encode(EventType.POST_APPROVED, signed));
        assertThat(read.signature()).isEqualTo(signed.signature());
        assertThat(TrustedKeys.load(dir).verify(read).verified()).isTrue();
    }

    @Test
    void rotationTrustsTwoKeysThenDropsTheOldOne() throws Exception {
        KeyPair old = pair();
        KeyPair next = pair();
        write("policy-1", old);
        var clock = new MovableClock();
        var folder = new TrustedKeysDir(dir, Duration.ofSeconds(30), clock);
        PostDecided byOld = new DecisionSigner("policy-1", old.getPrivate()).sign(SignedDecisionTest.vectorDecision());
        PostDecided byNext = new DecisionSigner("policy-2", next.getPrivate()).sign(SignedDecisionTest.vectorDecision());
        assertThat(folder.verify(byOld).verified()).isTrue();

        // Step 1: the new public key is added; a decision by it is trusted from the first one (unknown id: re-read).
        write("policy-2", next);
        clock.advance(Duration.ofSeconds(2));
        assertThat(folder.verify(byNext).verified()).isTrue();
        assertThat(folder.verify(byOld).verified()).isTrue();
        assertThat(folder.current().ids()).containsExactlyInAnyOrder("policy-1", "policy-2");

        // Step 3: the old key file is removed; within the refresh interval it is no longer trusted.
        Files.delete(dir.resolve("policy-1.pem"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(folder.verify(byOld).status()).isEqualTo(Verification.Status.UNKNOWN_KEY);
        assertThat(folder.verify(byNext).verified()).isTrue();
    }

    @Test
    void aFileThatIsNotAKeyIsNamedAndOtherFilesAreIgnored() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not a key");
        assertThat(TrustedKeys.load(dir).ids()).isEmpty();
        assertThat(TrustedKeys.load(dir.resolve("missing")).ids()).isEmpty();
        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TrustedKeys.load(dir)).hasMessageContaining("broken.pem");
    }

    @Test
    void keyIdsAreFileNames() {
        assertThatThrownBy(() -> new DecisionSigner("../etc/passwd", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DecisionSigner.KEY_ID.matcher("policy-2030.1_a").matches()).isTrue();
    }

    private void write(String id, KeyPair pair) throws Exception {
        Files.writeString(dir.resolve(id + ".pem"), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
