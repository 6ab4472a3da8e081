package dev.crier.infra;

import dev.crier.events.Decision;
import dev.crier.events.Draft;
import dev.crier.events.PolicyRef;
import dev.crier.events.PostDecided;
import dev.crier.events.signing.DecisionSigner;
import dev.crier.events.signing.TrustedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionKeysTest {

    @Test
    void theKeyIsMadeOnceKeptAcrossStartsAndTrustedByItsPublicHalf(@TempDir Path dir) throws Exception {
        DecisionKeys first = DecisionKeys.in(dir);
        DecisionKeys second = DecisionKeys.in(dir);
        assertThat(second.keyId()).isEqualTo(first.keyId()).startsWith("local-");
        assertThat(Files.readString(second.signingKeyFile())).isEqualTo(Files.readString(first.signingKeyFile()))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(first.signingKeyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        var decided = new PostDecided("6f1c2a44-8d5e-4b7a-9c3e-2f0d1b5a7e90", Decision.APPROVED, 0, List.of(),
                new PolicyRef("canada-federal", "1", "ab".repeat(32)), Instant.parse("2030-01-01T09:00:00Z"),
                new Draft("Hello", "en", null, List.of("sandbox"), null, new Draft.Author("u-1", null, "HC"), null, null, null, null));
        TrustedKeys trusted = TrustedKeys.load(second.trustedKeysDir());
        assertThat(trusted.ids()).containsExactly(first.keyId());
        assertThat(trusted.verify(first.sign(decided)).verified()).isTrue();
        // What policy-service does with the two settings it is given.
        var policy = DecisionSigner.fromPem(second.keyId(), Files.readString(second.signingKeyFile()));
        assertThat(trusted.verify(policy.sign(decided)).verified()).isTrue();
    }
}
