package dev.crier.events.signing;

import dev.crier.events.DecisionSignature;
import dev.crier.events.PostDecided;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.PrivateKey;
import java.util.Base64;
import java.util.regex.Pattern;

/** Signs decisions with policy-service's Ed25519 key. Thread-safe. */
public final class DecisionSigner {

    /** What a key id may be: it is also a file name ({@code <key-id>.pem}) in the trusted keys' folder. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final String keyId;
    private final Ed25519PrivateKeyParameters key;

    public DecisionSigner(String keyId, PrivateKey key) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 100 letters, digits, '.', '_' or '-': " + keyId);
        }
        this.keyId = keyId;
        this.key = Ed25519.privateKey(key);
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
        byte[] signature = Ed25519.sign(key, SignedDecision.canonicalBytes(decided));
        return decided.signedWith(new DecisionSignature(keyId, Base64.getEncoder().encodeToString(signature)));
    }
}
