package dev.crier.infra;

import dev.crier.events.PostDecided;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.events.signing.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The local stack's decision-signing key: an Ed25519 key pair made on first use and kept in its folder
 * ({@code decision-signing.pem}, PKCS#8, owner-only, and its id in {@code decision-signing.id}: {@code local-} and
 * the start of the public key's SHA-256), and the folder of trusted public keys that publish and audit read
 * ({@code decisions-trusted/<key-id>.pem}). Tests sign the approvals they inject with {@link #sign}.
 */
public final class DecisionKeys {

    private final Path signingKeyFile;
    private final Path trustedKeysDir;
    private final DecisionSigner signer;

    private DecisionKeys(Path signingKeyFile, Path trustedKeysDir, DecisionSigner signer) {
        this.signingKeyFile = signingKeyFile;
        this.trustedKeysDir = trustedKeysDir;
        this.signer = signer;
    }

    /** Loads the key pair kept in {@code dir}, or makes one, and makes sure its public key is trusted. */
    public static DecisionKeys in(Path dir) {
        Path priv = dir.resolve("decision-signing.pem");
        Path id = dir.resolve("decision-signing.id");
        Path trusted = dir.resolve("decisions-trusted");
        try {
            Files.createDirectories(trusted);
            if (!Files.exists(id)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Path partial = dir.resolve("decision-signing.pem.new");
                Files.writeString(partial, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
                PrivateFiles.restrict(partial);
                String keyId = keyId(pair);
                Files.writeString(trusted.resolve(keyId + ".pem"), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.move(partial, priv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                // Written last: a start interrupted before it makes a new pair next time.
                Files.writeString(id, keyId);
            }
            var signer = DecisionSigner.fromPem(Files.readString(id).strip(), Files.readString(priv));
            return new DecisionKeys(priv, trusted, signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make the decision signing key in " + dir, e);
        }
    }

    public Path signingKeyFile() {
        return signingKeyFile;
    }

    public String keyId() {
        return signer.keyId();
    }

    public Path trustedKeysDir() {
        return trustedKeysDir;
    }

    /** The decision signed as policy-service signs it. */
    public PostDecided sign(PostDecided decided) {
        return signer.sign(decided);
    }

    private static String keyId(KeyPair pair) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        return "local-" + HexFormat.of().formatHex(digest, 0, 6);
    }
}
