package dev.crier.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DraftReadersTest {

    @Test
    void aSubmitterReadsOnlyWhatItSubmitted() {
        assertThat(DraftReaders.mayRead(Set.of("submitter"), "cms", "cms")).isTrue();
        assertThat(DraftReaders.mayRead(Set.of("submitter"), "cms", "other-cms")).isFalse();
        assertThat(DraftReaders.mayRead(Set.of("submitter"), null, "cms")).isFalse();
    }

    @Test
    void theOtherRolesReadEveryDraft() {
        for (String role : Set.of("reviewer", "comms-head", "auditor", "ops")) {
            assertThat(DraftReaders.mayRead(Set.of(role), "someone", "cms")).as(role).isTrue();
            assertThat(DraftReaders.mayRead(Set.of("submitter", role), "someone", "cms")).as("submitter and " + role).isTrue();
        }
    }

    @Test
    void noRoleReadsNothing() {
        assertThat(DraftReaders.mayRead(Set.of(), "cms", "cms")).isFalse();
    }
}
