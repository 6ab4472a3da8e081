package dev.crier.events.signing;

import dev.crier.events.DecisionSignature;
import dev.crier.events.PostDecided;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The policy-service keys whose decisions are trusted, by key id. Several at once, so that a key can be rotated
 * without downtime. Immutable and thread-safe.
 */
public final class TrustedKeys {

    private static final String SUFFIX = ".pem";

    private final Map<String, Ed25519PublicKeyParameters> keys;

    public TrustedKeys(Map<String, PublicKey> keys) {
        Map<String, Ed25519PublicKeyParameters> decoded = new TreeMap<>();
        keys.forEach((id, key) -> decoded.put(id, Ed25519.publicKey(key)));
        this.keys = Collections.unmodifiableMap(decoded);
    }

    /**
     * Every {@code <key-id>.pem} (X.509 PEM public key) in {@code dir}; other files are ignored, a missing folder
     * trusts nothing.
     *
     * @throws IllegalArgumentException naming the file when a {@code .pem} file is not an Ed25519 public key
     */
    public static TrustedKeys load(Path dir) {
        Map<String, PublicKey> keys = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return new TrustedKeys(keys);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String id = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (!DecisionSigner.KEY_ID.matcher(id).matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    keys.put(id, Pem.publicKey(Files.readString(file)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the trusted keys in " + dir, e);
        }
        return new TrustedKeys(keys);
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    public boolean trusts(String keyId) {
        return keyId != null && keys.containsKey(keyId);
    }

    /** Whether {@code decided} carries a valid signature by one of these keys over exactly what it says. */
    public Verification verify(PostDecided decided) {
        DecisionSignature signature = decided.signature();
        if (signature == null) {
            return new Verification(Verification.Status.UNSIGNED, null, "the decision is not signed");
        }
        Ed25519PublicKeyParameters key = keys.get(signature.keyId());
        if (key == null) {
            return new Verification(Verification.Status.UNKNOWN_KEY, signature.keyId(),
                    "the decision is signed by key '" + signature.keyId() + "', which is not trusted");
        }
        try {
            if (Ed25519.verify(key, SignedDecision.canonicalBytes(decided), Base64.getDecoder().decode(signature.value()))) {
                return new Verification(Verification.Status.VERIFIED, signature.keyId(), null);
            }
        } catch (IllegalArgumentException e) {
            // A malformed signature (not base64) is as good as a wrong one.
        }
        return new Verification(Verification.Status.FAILED, signature.keyId(), "the signature by key '"
                + signature.keyId() + "' does not match the decision and its content (changed after signing, or forged)");
    }
}
