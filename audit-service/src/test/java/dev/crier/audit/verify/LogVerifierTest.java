package dev.crier.audit.verify;

import dev.crier.audit.domain.checkpoint.Checkpoint;
import dev.crier.audit.domain.merkle.CompactRange;
import dev.crier.audit.domain.merkle.MerkleHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogVerifierTest {

    static final List<byte[]> LOG = List.of(b("a"), b("b"), b("c"), b("d"), b("e"), b("f"));

    @Test
    void aSoundLogPassesAndATamperedOneIsDiagnosed() {
        LogVerifier.Report first = run(null, LOG);
        assertThat(first.ok()).isTrue();
        LogVerifier.Trusted trusted = new LogVerifier.Trusted(checkpoint(LOG), first.leaves());

        assertThat(run(trusted, LOG).problems()).isEmpty();
        assertThat(run(trusted, List.of(b("a"), b("b"), b("X"), b("d"), b("e"), b("f"))).problems())
                .contains("record 2 was changed");
        assertThat(run(trusted, List.of(b("a"), b("b"), b("d"), b("e"), b("f"))).problems())
                .contains("record 2 was removed (the records after it moved up)");
        assertThat(run(trusted, List.of(b("a"), b("b"), b("X"), b("c"), b("d"), b("e"), b("f"))).problems())
                .contains("a record was inserted at index 2 (the records after it moved down)");
        assertThat(run(trusted, List.of(b("a"), b("b"), b("d"), b("c"), b("e"), b("f"))).problems())
                .contains("records 2 and 3 were reordered (swapped)");
    }

    @Test
    void bytesThatDoNotMatchTheirLeafHashOrAWrongRootAreReported() {
        LogVerifier verifier = new LogVerifier(null);
        verifier.record(0, b("a"), MerkleHash.leafHash(b("not a")));
        assertThat(verifier.finish(checkpoint(List.of(b("a")))).problems())
                .containsExactly("record 0 changed: its bytes no longer match its stored leaf hash");
        LogVerifier other = new LogVerifier(null);
        other.record(0, b("a"), MerkleHash.leafHash(b("a")));
        assertThat(other.finish(checkpoint(List.of(b("z")))).problems())
                .containsExactly("the records do not hash to the root of the newest checkpoint (size 1)");
    }

    /** Each log is checked against a checkpoint of itself, so only the comparison with the trusted prefix can fail. */
    private static LogVerifier.Report run(LogVerifier.Trusted trusted, List<byte[]> log) {
        LogVerifier verifier = new LogVerifier(trusted);
        for (int i = 0; i < log.size(); i++) {
            verifier.record(i, log.get(i), MerkleHash.leafHash(log.get(i)));
        }
        return verifier.finish(checkpoint(log));
    }

    private static Checkpoint checkpoint(List<byte[]> log) {
        List<byte[]> leaves = new ArrayList<>();
        log.forEach(bytes -> leaves.add(MerkleHash.leafHash(bytes)));
        return new Checkpoint("test", log.size(), CompactRange.rootOf(leaves));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
