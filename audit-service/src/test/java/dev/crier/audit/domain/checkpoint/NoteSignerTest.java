package dev.crier.audit.domain.checkpoint;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoteSignerTest {

    final NoteSigner signer = new NoteSigner("crier.local/audit", NoteSigner.newKeys());
    final Checkpoint checkpoint = new Checkpoint("crier.local/audit", 42, new byte[32]);

    @Test
    void aSignedCheckpointHasTheNoteFormatAndVerifies() {
        String note = signer.sign(checkpoint.body());
        String[] lines = note.split("\n");
        assertThat(lines[0]).isEqualTo("crier.local/audit");
        assertThat(lines[1]).isEqualTo("42");
        assertThat(lines[2]).isEqualTo("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 crier.local/audit ");
        assertThat(Checkpoint.parse(NoteSigner.verify(note, signer.verifierKey()))).isEqualTo(checkpoint);
    }

    @Test
    void aChangedCheckpointOrAnotherKeyFailsVerification() {
        String note = signer.sign(checkpoint.body());
        assertThatThrownBy(() -> NoteSigner.verify(note.replace("\n42\n", "\n43\n"), signer.verifierKey()))
                .hasMessageContaining("no valid signature");
        NoteSigner other = new NoteSigner("crier.local/audit", NoteSigner.newKeys());
        assertThatThrownBy(() -> NoteSigner.verify(note, other.verifierKey())).hasMessageContaining("no valid signature");
        assertThatThrownBy(() -> NoteSigner.verify(checkpoint.body(), signer.verifierKey())).hasMessageContaining("blank line");
    }

    @Test
    void keysSurviveTheirEncodings() {
        var keys = NoteSigner.newKeys();
        var restored = NoteSigner.keys(keys.getPrivate().getEncoded(), keys.getPublic().getEncoded());
        var a = new NoteSigner("n", keys);
        var b = new NoteSigner("n", restored);
        assertThat(b.verifierKey()).isEqualTo(a.verifierKey());
        assertThat(NoteSigner.verify(b.sign("x\n"), a.verifierKey())).isEqualTo("x\n");
        assertThat(Arrays.equals(keys.getPublic().getEncoded(), restored.getPublic().getEncoded())).isTrue();
    }
}
