package dev.crier.infra;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Child processes: stopped politely (SIGTERM), then forcibly if they do not go. */
public final class Processes {
    private Processes() {
    }

    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the child when this JVM exits (normally, on Ctrl-C or SIGTERM), so that a test run or a launcher that
     * ends early never leaves a broker or a service running behind it.
     */
    public static Process stoppedOnExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, Duration.ofSeconds(15))));
        return process;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
