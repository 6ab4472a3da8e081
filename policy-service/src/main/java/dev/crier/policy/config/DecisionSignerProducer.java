package dev.crier.policy.config;

import dev.crier.events.signing.DecisionSigner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The key every decision is signed with (PKCS#8 PEM, as {@code openssl genpkey -algorithm ed25519} writes it) and its
 * id, which publish and audit look up in their trusted keys. Without both the service does not start.
 */
public class DecisionSignerProducer {

    @Produces
    @Singleton
    DecisionSigner signer(@ConfigProperty(name = "crier.decisions.signing-key-file") Path keyFile,
                          @ConfigProperty(name = "crier.decisions.signing-key-id") String keyId) {
        try {
            return DecisionSigner.fromPem(keyId, Files.readString(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the decision signing key " + keyFile, e);
        }
    }
}
