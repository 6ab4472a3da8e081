package dev.crier.policy.domain;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When one draft's evaluation must stop. Rules are not interrupted: the engine looks at it between rules, and
 * {@link #guard} lets a regular expression look at it while it reads, so that one slow match cannot hold a partition.
 *
 * <p>The budget is spent in the evaluating thread's CPU time, not in wall time: on a busy machine the thread waits
 * for a core, and a benign draft would go to a person because the machine was busy (it did, at 200 drafts/s on two
 * cores). A thread cannot use more CPU time than wall time passes, so the cheap wall clock is looked at first and
 * the costlier CPU clock (a system call, about 0.2 µs) only once the wall clock says the budget may be spent.
 */
public final class Deadline {

    /** Thrown where the deadline is seen to have passed; no stack trace, it is an answer, not a bug. */
    public static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("evaluation budget spent", null, false, false);
        }
    }

    private final LongSupplier wallClock;
    private final LongSupplier cpuClock;
    private final long wallEnd;
    private final long cpuEnd;

    /** Both clocks in nanoseconds; {@code cpuClock} never runs faster than {@code wallClock}. */
    Deadline(LongSupplier wallClock, LongSupplier cpuClock, Duration budget) {
        this.wallClock = wallClock;
        this.cpuClock = cpuClock;
        this.wallEnd = wallClock.getAsLong() + budget.toNanos();
        this.cpuEnd = cpuClock.getAsLong() + budget.toNanos();
    }

    public boolean passed() {
        return wallClock.getAsLong() - wallEnd >= 0 && cpuClock.getAsLong() - cpuEnd >= 0;
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
