package dev.crier.publish.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per account, in fixed windows from each platform's published defaults, corrected by what the platform says:
 * its remaining-calls headers (the stricter count wins) and 429s with a reset time (nothing is sent before it).
 * In memory: after a restart the platform's headers and 429s bring it back in line.
 */
public final class RateLimiter implements RateLimitListener {

    /** A platform's default: {@code limit} calls per {@code window} per account. */
    public record Quota(int limit, Duration window) {
        public Quota {
            if (limit < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("a quota needs a positive limit and window");
            }
        }

        /** {@code 300/5m}, {@code 100/15m}, {@code 1666/1h}, {@code 150/24h}, {@code 20/30s}. */
        public static Quota parse(String text) {
            String[] parts = text.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a quota is written <calls>/<window>, like 300/5m, not '" + text + "'");
            }
            String w = parts[1].trim().toLowerCase();
            long n = Long.parseLong(w.substring(0, w.length() - 1));
            Duration window = switch (w.charAt(w.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("a quota's window ends in s, m, h or d: '" + text + "'");
            };
            return new Quota(Integer.parseInt(parts[0].trim()), window);
        }
    }

    private final Map<String, Quota> quotas;
    private final Quota fallback;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Map<String, Quota> quotasByPlatform, Quota fallback) {
        this.quotas = Map.copyOf(quotasByPlatform);
        this.fallback = fallback;
    }

    /**
     * Takes one call for the account ({@code platform:handle}) if one is left.
     *
     * @return empty when the call may be made now, else when to try again
     */
    public Optional<Instant> acquire(String accountKey, Instant now) {
        return bucket(accountKey).acquire(now);
    }

    /** How many times each account's calls were held back so far (a post waiting again counts again), by account. */
    public Map<String, Long> holds() {
        Map<String, Long> holds = new TreeMap<>();
        buckets.forEach((account, bucket) -> holds.put(account, bucket.holds()));
        return holds;
    }

    /** The platform said to wait (429, throttling): nothing is sent for the account before {@code until}. */
    public void blockUntil(String accountKey, Instant until) {
        bucket(accountKey).block(until);
    }

    @Override
    public void observe(String accountKey, int remaining, Instant resetAt) {
        bucket(accountKey).observe(remaining, resetAt);
    }

    private Bucket bucket(String accountKey) {
        String platform = accountKey.substring(0, Math.max(0, accountKey.indexOf(':')));
        return buckets.computeIfAbsent(accountKey, k -> new Bucket(quotas.getOrDefault(platform, fallback)));
    }

    private static final class Bucket {
        private final Quota quota;
        private Instant windowEnd = Instant.MIN;
        private int used;
        private Instant blockedUntil = Instant.MIN;
        private long holds;

        Bucket(Quota quota) {
            this.quota = quota;
        }

        synchronized Optional<Instant> acquire(Instant now) {
            if (now.isBefore(blockedUntil)) {
                holds++;
                return Optional.of(blockedUntil);
            }
            if (!now.isBefore(windowEnd)) {
                windowEnd = now.plus(quota.window());
                used = 0;
            }
            if (used >= quota.limit()) {
                holds++;
                return Optional.of(windowEnd);
            }
            used++;
            return Optional.empty();
        }

        synchronized long holds() {
            return holds;
        }

        synchronized void block(Instant until) {
            if (until.isAfter(blockedUntil)) {
                blockedUntil = until;
            }
        }

        synchronized void observe(int remaining, Instant resetAt) {
            if (remaining <= 0) {
                block(resetAt);
            } else if (quota.limit() - used > remaining) {
                used = quota.limit() - remaining;
            }
        }
    }
}
