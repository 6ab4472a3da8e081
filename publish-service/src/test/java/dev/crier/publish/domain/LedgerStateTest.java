package dev.crier.publish.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.crier.publish.domain.LedgerState.FAILED;
import static dev.crier.publish.domain.LedgerState.PENDING;
import static dev.crier.publish.domain.LedgerState.PUBLISHED;
import static org.assertj.core.api.Assertions.assertThat;

class LedgerStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            PENDING,   PUBLISHED, true
            PENDING,   FAILED,    true
            PENDING,   PENDING,   false
            PUBLISHED, PENDING,   false
            PUBLISHED, FAILED,    false
            PUBLISHED, PUBLISHED, false
            FAILED,    PENDING,   false
            FAILED,    PUBLISHED, false
            FAILED,    FAILED,    false
            """)
    void transitions(LedgerState from, LedgerState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        assertThat(to.allowedFrom().contains(from)).isEqualTo(allowed);
    }

    @Test
    void onlyTheAnsweredStatesAreFinal() {
        assertThat(PENDING.isFinal()).isFalse();
        assertThat(PUBLISHED.isFinal()).isTrue();
        assertThat(FAILED.isFinal()).isTrue();
    }

    @Test
    void nothingLeadsBackToPending() {
        assertThat(PENDING.allowedFrom()).isEmpty();
        assertThat(PUBLISHED.allowedFrom()).containsExactly(PENDING);
        assertThat(FAILED.allowedFrom()).containsExactly(PENDING);
    }
}
