package dev.crier.publish.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void theWaitDoublesWithJitterBetweenHalfAndAllOfItUpToTheCap() {
        var low = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 8, () -> 0.0);
        var high = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 8, () -> 0.999_999);

        assertThat(low.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.delayAfter(1)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        assertThat(low.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(high.delayAfter(3)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
        assertThat(low.delayAfter(10)).isEqualTo(Duration.ofSeconds(15));
        assertThat(high.delayAfter(60)).isBetween(Duration.ofMillis(29_999), Duration.ofSeconds(30));
    }

    @Test
    void attemptsRunOut() {
        var policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 3, () -> 0.5);

        assertThat(policy.exhausted(2)).isFalse();
        assertThat(policy.exhausted(3)).isTrue();
    }
}
