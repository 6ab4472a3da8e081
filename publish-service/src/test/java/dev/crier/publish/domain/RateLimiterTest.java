package dev.crier.publish.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    final RateLimiter limiter = new RateLimiter(Map.of("x", RateLimiter.Quota.parse("2/15m")), RateLimiter.Quota.parse("60/1m"));

    @Test
    void thePlatformsDefaultQuotaPerAccountThenWaitUntilTheWindowEnds() {
        assertThat(limiter.acquire("x:a", T0)).isEmpty();
        assertThat(limiter.acquire("x:a", T0.plusSeconds(1))).isEmpty();
        assertThat(limiter.acquire("x:a", T0.plusSeconds(2))).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(limiter.acquire("x:b", T0.plusSeconds(2))).as("another account has its own quota").isEmpty();

        assertThat(limiter.acquire("x:a", T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void headersSayingFewerCallsAreLeftWin() {
        limiter.observe("mastodon:a", 0, T0.plusSeconds(90));

        assertThat(limiter.acquire("mastodon:a", T0)).contains(T0.plusSeconds(90));
        assertThat(limiter.acquire("mastodon:a", T0.plusSeconds(90))).isEmpty();

        limiter.acquire("x:c", T0);
        limiter.observe("x:c", 1, T0.plusSeconds(600));
        assertThat(limiter.acquire("x:c", T0.plusSeconds(1))).isEmpty();
        assertThat(limiter.acquire("x:c", T0.plusSeconds(2))).isPresent();
    }

    @Test
    void a429BlocksTheAccountUntilTheResetTime() {
        limiter.blockUntil("x:a", T0.plusSeconds(300));

        assertThat(limiter.acquire("x:a", T0.plusSeconds(299))).contains(T0.plusSeconds(300));
        assertThat(limiter.acquire("x:a", T0.plusSeconds(300))).isEmpty();
    }

    @Test
    void quotasAreWrittenCallsOverAWindow() {
        assertThat(RateLimiter.Quota.parse("300/5m")).isEqualTo(new RateLimiter.Quota(300, Duration.ofMinutes(5)));
        assertThat(RateLimiter.Quota.parse("150/24h")).isEqualTo(new RateLimiter.Quota(150, Duration.ofHours(24)));
        assertThatThrownBy(() -> RateLimiter.Quota.parse("300 per minute")).hasMessageContaining("300/5m");
        assertThatThrownBy(() -> RateLimiter.Quota.parse("0/5m")).hasMessageContaining("positive");
    }

    @Test
    void everyCallHeldBackIsCountedForItsAccount() {
        limiter.acquire("x:a", T0);
        limiter.acquire("x:a", T0);
        limiter.acquire("x:a", T0);
        limiter.acquire("x:a", T0.plusSeconds(1));
        limiter.blockUntil("x:b", T0.plusSeconds(60));
        limiter.acquire("x:b", T0);
        limiter.acquire("x:c", T0);
        assertThat(limiter.holds()).containsExactly(Map.entry("x:a", 2L), Map.entry("x:b", 1L), Map.entry("x:c", 0L));
    }
}
