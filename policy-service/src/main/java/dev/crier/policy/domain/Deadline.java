package dev.crier.policy.domain;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When one draft's evaluation must stop, on a clock given by the engine (System::nanoTime, or a test's). Rules are
 * not interrupted: the engine looks at it between rules, and {@link #guard} lets a regular expression look at it
 * while it reads, so that one slow match cannot hold a partition.
 */
public final class Deadline {

    /** Thrown where the deadline is seen to have passed; no stack trace, it is an answer, not a bug. */
    public static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("evaluation budget spent", null, false, false);
        }
    }

    private final LongSupplier nanoClock;
    private final long end;

    Deadline(LongSupplier nanoClock, Duration budget) {
        this.nanoClock = nanoClock;
        this.end = nanoClock.getAsLong() + budget.toNanos();
    }

    public boolean passed() {
        return nanoClock.getAsLong() - end >= 0;
    }

    public void check() {
        if (passed()) {
            throw new Exceeded();
        }
    }

    /** The text as a regular expression should read it: every few thousand characters read, the clock is looked at. */
    public CharSequence guard(CharSequence text) {
        return new Guarded(text, this);
    }

    private static final class Guarded implements CharSequence {
        /** Reads between two looks at the clock: a look costs tens of nanoseconds, a read about one. */
        private static final int READS_PER_CHECK = 4096;

        private final CharSequence text;
        private final Deadline deadline;
        private int reads;

        Guarded(CharSequence text, Deadline deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if (++reads == READS_PER_CHECK) {
                reads = 0;
                deadline.check();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
