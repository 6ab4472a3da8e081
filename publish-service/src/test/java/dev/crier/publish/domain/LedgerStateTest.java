package dev.crier.publish.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;

import static dev.crier.publish.domain.LedgerState.FAILED;
import static dev.crier.publish.domain.LedgerState.NEEDS_ATTENTION;
import static dev.crier.publish.domain.LedgerState.PENDING;
import static dev.crier.publish.domain.LedgerState.PUBLISHED;
import static dev.crier.publish.domain.LedgerState.QUEUED;
import static dev.crier.publish.domain.LedgerState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class LedgerStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            QUEUED,    PENDING,         true
            QUEUED,    QUEUED,          true
            QUEUED,    FAILED,          true
            QUEUED,    PUBLISHED,       false
            QUEUED,    UNKNOWN,         false
            PENDING,   PUBLISHED,       true
            PENDING,   FAILED,          true
            PENDING,   UNKNOWN,         true
            PENDING,   QUEUED,          true
            PENDING,   NEEDS_ATTENTION, false
            PENDING,   PENDING,         false
            UNKNOWN,   PENDING,         true
            UNKNOWN,   PUBLISHED,       true
            UNKNOWN,   NEEDS_ATTENTION, true
            UNKNOWN,   QUEUED,          true
            PUBLISHED, PENDING,         false
            PUBLISHED, FAILED,          false
            FAILED,    QUEUED,          false
            NEEDS_ATTENTION, PENDING,   false
            NEEDS_ATTENTION, QUEUED,    false
            """)
    void transitions(LedgerState from, LedgerState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        assertThat(to.allowedFrom().contains(from)).isEqualTo(allowed);
    }

    @Test
    void onlyAnsweredOrHandedToAPersonIsFinal() {
        assertThat(EnumSet.allOf(LedgerState.class).stream().filter(LedgerState::isFinal))
                .containsExactlyInAnyOrder(PUBLISHED, FAILED, NEEDS_ATTENTION);
    }

    @Test
    void aCallIsOnlyMadeFromTheQueueOrToSettleAnUnknownAnswer() {
        assertThat(PENDING.allowedFrom()).containsExactlyInAnyOrder(QUEUED, UNKNOWN);
        assertThat(NEEDS_ATTENTION.allowedFrom()).containsExactly(UNKNOWN);
    }
}
