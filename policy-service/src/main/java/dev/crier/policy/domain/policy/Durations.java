package dev.crier.policy.domain.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a policy file or a query: 50ms, 90s, 30m, 4h, 1d. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("([1-9][0-9]{0,5})(ms|[smhd])");

    private Durations() {
    }

    /** The duration, or empty when the text is not a positive one in that form. */
    public static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
