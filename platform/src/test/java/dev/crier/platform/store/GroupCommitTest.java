package dev.crier.platform.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** The first write holds the lock until {@code queued} callers are waiting, so they are written together after it. */
    static final class Gate {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    @Test
    void everyConcurrentWriteIsWrittenOnceAndItsCallerGetsItsOwnResult() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        var commit = new GroupCommit<Integer, Integer>(items -> {
            batchSizes.add(items.size());
            return items.stream().map(i -> i * 2).toList();
        });
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                int item = i;
                answers.add(threads.submit(() -> commit.write(item)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i * 2);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4_000);
    }

    @Test
    void aBadItemInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
        Gate gate = new Gate();
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        var commit = new GroupCommit<String, String>(items -> {
            calls.add(items);
            if (items.contains("first")) {
                gate.firstStarted.countDown();
                await(gate.release);
            }
            if (items.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return items.stream().map(String::toUpperCase).toList();
        });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<String> first = threads.submit(() -> commit.write("first"));
            gate.firstStarted.await(5, TimeUnit.SECONDS);
            Future<String> good = threads.submit(() -> commit.write("good"));
            Future<String> bad = threads.submit(() -> commit.write("bad"));
            Future<String> alsoGood = threads.submit(() -> commit.write("also good"));
            waitUntilInWrite(4);
            gate.release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("FIRST");
            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("GOOD");
            assertThat(alsoGood.get(5, TimeUnit.SECONDS)).isEqualTo("ALSO GOOD");
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        } finally {
            threads.shutdownNow();
        }
        // The three waiting writes went together, failed for the bad one, and were each written again alone.
        assertThat(calls).anySatisfy(batch -> assertThat(batch).containsExactlyInAnyOrder("good", "bad", "also good"));
        assertThat(calls).contains(List.of("good"), List.of("bad"), List.of("also good"));
    }

    @Test
    void anOutageFailsTheWholeBatchWithoutWritingEachAgain() throws Exception {
        Gate gate = new Gate();
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        Function<List<String>, List<String>> down = items -> {
            calls.add(items);
            if (items.contains("first")) {
                gate.firstStarted.countDown();
                await(gate.release);
                return List.of("FIRST");
            }
            throw new StoreUnavailableException(new java.sql.SQLException("connection refused"));
        };
        var commit = new GroupCommit<>(down);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<String> first = threads.submit(() -> commit.write("first"));
            gate.firstStarted.await(5, TimeUnit.SECONDS);
            Future<String> a = threads.submit(() -> commit.write("a"));
            Future<String> b = threads.submit(() -> commit.write("b"));
            waitUntilInWrite(3);
            gate.release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("FIRST");
            assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> b.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);
        } finally {
            threads.shutdownNow();
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).containsExactlyInAnyOrder("a", "b");
    }

    /**
     * Waits until {@code n} threads wait inside {@link GroupCommit#write}: the first one, held in its write, and the
     * others blocked on the lock, each with its item queued by then.
     */
    private static void waitUntilInWrite(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end && waiting() < n) {
            Thread.sleep(5);
        }
        assertThat(waiting()).isGreaterThanOrEqualTo(n);
    }

    private static long waiting() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING || e.getKey().getState() == Thread.State.TIMED_WAITING)
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("write")
                        && f.getClassName().equals(GroupCommit.class.getName())))
                .count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
