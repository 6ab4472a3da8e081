package dev.crier.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every detector takes time linear in the text. Each is run alone over texts of 100,000 characters (the most ingest
 * accepts per version, {@code DraftParser.MAX_TEXT_LENGTH}) made of one piece repeated, for every piece a detector
 * reacts to: a regular expression that backtracks or restarts over the rest of the text would take seconds here (the
 * e-mail and JWT patterns before issue 12 took 0.86 s over 8,000 characters).
 */
class LinearTimeTest {

    private static final int LENGTH = 100_000;
    /** Generous for a shared two-core machine: a linear scan of 100,000 characters takes about a millisecond. */
    private static final long BOUND_NANOS = 100_000_000L;

    private static final List<String> PIECES = List.of("1", "1 ", "1-", "1.", "12 ", "(1) ", "+1", "1\u00A0", "\uFF11",
            "1\u200B", "@", "a@", "a.", "a", "a-", "a.b@", "@a.", "a@b.", "_", "%", "eyJ", "eyJ-", "eyJ.", "eyJa.", "-", "=",
            ".", " ", "password ", "password:", "token is ", "bearer ", "Bearer a", "-----BEGIN ", "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN A ", "-----END ", "a.corp", "a.c", ".local.", "10.", "10.0.", "192.168.", "xoxb-", "ghp_", "github_pat_",
            "AKIA", "AKIAA", "\u200B", "\u00AD", "é");

    @Test
    void everyDetectorIsLinearOnTheLongestTexts() {
        int[] gates = {Detector.NUMBER, Detector.AT_SIGN, Detector.SECRET_WORD, Detector.BEARER, Detector.JWT_GATE,
                Detector.AWS, Detector.GITHUB, Detector.SLACK, Detector.KEY_BLOCK, Detector.HOST, Detector.IP};
        long worst = 0;
        String worstCase = "";
        for (String piece : PIECES) {
            String text = piece.repeat(LENGTH / piece.length() + 1).substring(0, LENGTH);
            for (int gate : gates) {
                long took = fastest(() -> Detector.scan(Skeleton.of(text), gate));
                assertThat(took).as("gate %d over \"%s\" repeated: %d ms", gate, piece, took / 1_000_000).isLessThan(BOUND_NANOS);
                if (took > worst) {
                    worst = took;
                    worstCase = "gate " + gate + " over \"" + piece + "\" repeated";
                }
            }
            long all = fastest(() -> Detector.detect(text));
            assertThat(all).as("all over \"%s\" repeated", piece).isLessThan(BOUND_NANOS);
        }
        System.out.printf("LinearTimeTest: slowest single detector %.2f ms (%s)%n", worst / 1e6, worstCase);
    }

    /** The fastest of five timed runs after five warm-up runs: the machine is shared, and a pause is not the scan's. */
    private static long fastest(Runnable scan) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 10; run++) {
            long began = System.nanoTime();
            scan.run();
            long took = System.nanoTime() - began;
            if (run >= 5) {
                best = Math.min(best, took);
            }
        }
        return best;
    }
}
