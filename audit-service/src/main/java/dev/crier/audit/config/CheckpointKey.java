package dev.crier.audit.config;

import dev.crier.audit.domain.checkpoint.NoteSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

/**
 * The checkpoint signer, from a key file of two lines: the PKCS#8 private key and the X.509 public key, base64. The
 * file is created (owner-only) on first start when {@code generate-key} allows it; otherwise a missing file stops
 * the service, since checkpoints signed by a throwaway key would prove nothing.
 */
@ApplicationScoped
public class CheckpointKey {

    private static final Logger LOG = Logger.getLogger(CheckpointKey.class);

    @Produces
    @ApplicationScoped
    NoteSigner signer(@ConfigProperty(name = "crier.audit.origin") String origin, CheckpointSettings settings) {
        return new NoteSigner(origin, load(settings.keyFile(), settings.generateKey()));
    }

    static KeyPair load(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("no checkpoint key at " + file + " and crier.audit.checkpoint."
                            + "generate-key is false");
                }
                KeyPair keys = NoteSigner.newKeys();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n"
                        + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n");
                Files.move(temp, file);
                LOG.infof("generated the checkpoint signing key at %s", file);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (lines.size() < 2) {
                throw new IllegalStateException(file + " is not a checkpoint key file (two base64 lines)");
            }
            return NoteSigner.keys(Base64.getDecoder().decode(lines.get(0).trim()),
                    Base64.getDecoder().decode(lines.get(1).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint key " + file, e);
        }
    }
}
