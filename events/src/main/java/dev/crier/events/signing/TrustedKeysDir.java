package dev.crier.events.signing;

import dev.crier.events.PostDecided;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The trusted keys of a folder, re-read while the service runs: when the last reading is older than
 * {@code refreshEvery} (so a removed key stops being trusted), and when a decision names a key not yet seen (so a
 * new key works from its first decision; at most once a second, so forged key ids cannot keep the disk busy).
 * A folder that cannot be read keeps the keys read before. Thread-safe.
 */
public final class TrustedKeysDir {

    private static final Duration UNKNOWN_KEY_PAUSE = Duration.ofSeconds(1);

    private final Path dir;
    private final Duration refreshEvery;
    private final Clock clock;
    private volatile TrustedKeys keys;
    private volatile Instant readAt;

    public TrustedKeysDir(Path dir, Duration refreshEvery, Clock clock) {
        this.dir = dir;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        this.keys = TrustedKeys.load(dir);
        this.readAt = clock.instant();
    }

    public Verification verify(PostDecided decided) {
        Instant now = clock.instant();
        if (!now.isBefore(readAt.plus(refreshEvery))) {
            reload(now);
        }
        Verification result = keys.verify(decided);
        if (result.status() == Verification.Status.UNKNOWN_KEY && !now.isBefore(readAt.plus(UNKNOWN_KEY_PAUSE))) {
            reload(now);
            result = keys.verify(decided);
        }
        return result;
    }

    public TrustedKeys current() {
        return keys;
    }

    private synchronized void reload(Instant now) {
        try {
            keys = TrustedKeys.load(dir);
        } catch (RuntimeException e) {
            // A half-written key file: keep trusting what was trusted, and try again at the next refresh.
            System.getLogger(TrustedKeysDir.class.getName()).log(System.Logger.Level.WARNING,
                    "keeping the trusted keys read before: " + e.getMessage());
        }
        readAt = now;
    }
}
