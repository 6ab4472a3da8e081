package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class XAccessTierTest {

    static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void onTheFreeTierAnAccountsEighteenthPostOfTheDayWaitsForTheNextDay() {
        RateLimiter limiter = new RateLimiter(Map.of("x", XAccessTier.FREE.posts()), XAccessTier.FREE.posts());
        for (int i = 0; i < 17; i++) {
            assertThat(limiter.acquire("x:HealthCanada", MONDAY.plusSeconds(i * 60L))).isEmpty();
        }

        assertThat(limiter.acquire("x:HealthCanada", MONDAY.plus(Duration.ofHours(23))))
                .isEqualTo(Optional.of(MONDAY.plus(Duration.ofDays(1))));
        assertThat(limiter.acquire("x:OtherAccount", MONDAY.plus(Duration.ofHours(23)))).as("per account").isEmpty();
    }

    @Test
    void theTiersDifferInWindowNotOnlyInCount() {
        assertThat(XAccessTier.BASIC.posts().window()).isEqualTo(Duration.ofHours(24));
        assertThat(XAccessTier.PRO.posts().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(XAccessTier.BASIC.posts().limit()).isEqualTo(XAccessTier.PRO.posts().limit());
    }
}
