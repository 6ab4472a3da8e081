package dev.crier.publish.config;

import dev.crier.publish.domain.Account;
import dev.crier.publish.domain.CredentialSource;
import dev.crier.publish.domain.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredCredentialsTest {

    @TempDir
    Path dir;

    final Account account = new Account("x", "hc", Account.Language.EN, "HC", "hc-x", Map.of());

    @Test
    void configurationComesFirstThenSecretFiles() throws IOException {
        Files.createDirectories(dir.resolve("hc-x"));
        Files.writeString(dir.resolve("hc-x/access-token"), "from-file\n");
        Files.writeString(dir.resolve("hc-x/refresh-token"), "file-only");
        var config = Map.of("crier.credentials.hc-x.access-token", "from-config");
        CredentialSource source = new ConfiguredCredentials(name -> Optional.ofNullable(config.get(name)), Optional.of(dir));

        assertThat(source.require(account, "access-token").value()).isEqualTo("from-config");
        assertThat(source.require(account, "refresh-token").value()).isEqualTo("file-only");
        assertThat(source.find("hc-x", "nothing")).isEmpty();
    }

    @Test
    void aMissingSecretIsNamedButNeverAValue() {
        CredentialSource source = new ConfiguredCredentials(name -> Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> source.require(account, "access-token"))
                .hasMessage("no 'access-token' credential for x:hc (reference 'hc-x')");
    }

    @Test
    void aSecretNeverShowsItsValue() {
        Secret secret = new Secret("s3cret-token");

        assertThat(secret.toString()).doesNotContain("s3cret").isEqualTo("Secret[****]");
        assertThat(String.valueOf(Optional.of(secret))).doesNotContain("s3cret");
    }
}
