package dev.crier.publish.config;

import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets from configuration or from files. For reference {@code ref} and name {@code access-token}: the property
 * {@code crier.credentials.ref.access-token} (so also the environment variable
 * {@code CRIER_CREDENTIALS_REF_ACCESS_TOKEN}), else the file {@code <crier.credentials.dir>/ref/access-token}
 * (a mounted Kubernetes or Docker secret), trimmed.
 */
public final class ConfiguredCredentials implements CredentialSource {

    private final Function<String, Optional<String>> config;
    private final Optional<Path> directory;

    public ConfiguredCredentials(Function<String, Optional<String>> config, Optional<Path> directory) {
        this.config = config;
        this.directory = directory;
    }

    @Override
    public Optional<Secret> find(String reference, String name) {
        Optional<String> configured = config.apply("crier.credentials." + reference + "." + name).filter(v -> !v.isBlank());
        if (configured.isPresent()) {
            return configured.map(String::trim).map(Secret::new);
        }
        return directory.map(dir -> dir.resolve(reference).resolve(name)).filter(Files::isRegularFile).map(file -> {
            try {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the secret file for '" + reference + "/" + name + "'", e);
            }
        }).filter(s -> !s.value().isEmpty());
    }
}
