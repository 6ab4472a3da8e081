package dev.crier.events.signing;

import dev.crier.events.DecisionSignature;
import dev.crier.events.PostDecided;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Pattern;

/** Signs decisions with policy-service's Ed25519 key. Thread-safe. */
public final class DecisionSigner {

    /** What a key id may be: it is also a file name ({@code <key-id>.pem}) in the trusted keys' folder. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final String keyId;
    private final PrivateKey key;

    public DecisionSigner(String keyId, PrivateKey key) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 100 letters, digits, '.', '_' or '-': " + keyId);
        }
        this.keyId = keyId;
        this.key = key;
    }

    /** A signer from a PKCS#8 PEM private key, as {@code openssl genpkey -algorithm ed25519} writes it. */
    public static DecisionSigner fromPem(String keyId, String privateKeyPem) {
        return new DecisionSigner(keyId, Pem.privateKey(privateKeyPem));
    }

    public String keyId() {
        return keyId;
    }

    /** The decision with its signature (any signature it had is replaced). */
    public PostDecided sign(PostDecided decided) {
        try {
            Signature ed25519 = Signature.getInstance(Pem.ALGORITHM);
            ed25519.initSign(key);
            ed25519.update(SignedDecision.canonicalBytes(decided));
            return decided.signedWith(new DecisionSignature(keyId, Base64.getEncoder().encodeToString(ed25519.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with Ed25519 key " + keyId, e);
        }
    }
}
