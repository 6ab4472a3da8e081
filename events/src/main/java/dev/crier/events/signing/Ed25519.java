package dev.crier.events.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;

/**
 * Ed25519 signatures computed by Bouncy Castle from the JDK's key objects. The keys stay the JDK's (PEM parsing,
 * generation, the API of this package); only the arithmetic moves, as Bouncy Castle's keeps each public key's
 * decoded point and its field arithmetic is several times faster than JDK 17's.
 */
final class Ed25519 {

    /** RFC 8410: an Ed25519 SubjectPublicKeyInfo is this 12-byte header, then the 32-byte public key. */
    private static final byte[] SPKI_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    static Ed25519PrivateKeyParameters privateKey(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        return new Ed25519PrivateKeyParameters(edec.getBytes().get(), 0);
    }

    static Ed25519PublicKeyParameters publicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null || spki.length != SPKI_HEADER.length + Ed25519PublicKeyParameters.KEY_SIZE
                || !Arrays.equals(spki, 0, SPKI_HEADER.length, SPKI_HEADER, 0, SPKI_HEADER.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return new Ed25519PublicKeyParameters(spki, SPKI_HEADER.length);
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
