package dev.crier.publish.config;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The credential the sandbox platform accepts, as a real platform's API key: {@code crier.sandbox.api-key}, or,
 * when that is not set, a random key made at startup that only this process knows.
 */
@Singleton
public class SandboxApiKey {

    private final String value;

    public SandboxApiKey(@ConfigProperty(name = "crier.sandbox.api-key") Optional<String> configured) {
        this.value = configured.filter(k -> !k.isBlank()).orElseGet(SandboxApiKey::random);
    }

    public String value() {
        return value;
    }

    /** Compares in constant time, so the key cannot be guessed from response times. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
