package dev.crier.events.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bouncy Castle's arithmetic against the JDK's own Ed25519 provider, an independent implementation of RFC 8032. */
class Ed25519Test {

    @Test
    void signaturesAreTheJdksAndEachVerifiesTheOthers() throws Exception {
        Random random = new Random(8032);
        for (int i = 0; i < 50; i++) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] message = new byte[random.nextInt(2000)];
            random.nextBytes(message);

            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);
            byte[] byJdk = jdk.sign();
            byte[] ours = Ed25519.sign(Ed25519.privateKey(pair.getPrivate()), message);
            // Ed25519 is deterministic: one key and one message make one signature.
            assertThat(ours).isEqualTo(byJdk);

            jdk.initVerify(pair.getPublic());
            jdk.update(message);
            assertThat(jdk.verify(ours)).isTrue();
            assertThat(Ed25519.verify(Ed25519.publicKey(pair.getPublic()), message, byJdk)).isTrue();
        }
    }

    @Test
    void aChangedMessageOrSignatureOrAnotherKeyFails() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var publicKey = Ed25519.publicKey(pair.getPublic());
        byte[] message = "approved under canada-federal 7".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(Ed25519.privateKey(pair.getPrivate()), message);
        assertThat(Ed25519.verify(publicKey, message, signature)).isTrue();

        byte[] changed = message.clone();
        changed[0] ^= 1;
        assertThat(Ed25519.verify(publicKey, changed, signature)).isFalse();
        byte[] flipped = signature.clone();
        flipped[40] ^= 1;
        assertThat(Ed25519.verify(publicKey, message, flipped)).isFalse();
        assertThat(Ed25519.verify(publicKey, message, new byte[3])).isFalse();
        var other = Ed25519.publicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        assertThat(Ed25519.verify(other, message, signature)).isFalse();
    }

    @Test
    void keysOfAnotherAlgorithmAreRefused() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> Ed25519.publicKey(rsa.getPublic())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519.privateKey(rsa.getPrivate())).isInstanceOf(IllegalArgumentException.class);
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThatThrownBy(() -> Ed25519.publicKey(ed448.getPublic())).isInstanceOf(IllegalArgumentException.class);
    }
}
