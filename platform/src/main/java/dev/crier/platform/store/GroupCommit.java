package dev.crier.platform.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Writes that many threads make at once share one transaction: a caller queues its item and takes the lock; whoever
 * holds it writes everything queued so far in one go, and the callers whose items it wrote return with their
 * results. Nobody waits for a batch to fill: a lone write goes alone, and under load each transaction carries what
 * arrived during the previous one. (No library does this small thing; a background thread would add a hand-off.)
 *
 * <p>When a batch of several fails for a reason other than an outage, each of its items is written again alone, so
 * that one bad item fails by itself and takes no other caller's write with it. An outage fails them all at once.
 *
 * @param <T> an item to write
 * @param <R> its result
 */
public final class GroupCommit<T, R> {

    private static final class Slot<T, R> {
        final T item;
        R result;
        RuntimeException failure;
        boolean done;

        Slot(T item) {
            this.item = item;
        }
    }

    private final ConcurrentLinkedQueue<Slot<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Function<List<T>, List<R>> writeAll;

    /** {@code writeAll} writes the items in one transaction and returns one result per item, in order. */
    public GroupCommit(Function<List<T>, List<R>> writeAll) {
        this.writeAll = writeAll;
    }

    public R write(T item) {
        Slot<T, R> mine = new Slot<>(item);
        queue.add(mine);
        lock.lock();
        try {
            if (!mine.done) {
                List<Slot<T, R>> batch = new ArrayList<>();
                for (Slot<T, R> s = queue.poll(); s != null; s = queue.poll()) {
                    batch.add(s);
                }
                try {
                    List<R> results = writeAll.apply(batch.stream().map(s -> s.item).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).result = results.get(i);
                    }
                } catch (StoreUnavailableException e) {
                    batch.forEach(s -> s.failure = e);
                } catch (RuntimeException e) {
                    if (batch.size() == 1) {
                        batch.get(0).failure = e;
                    } else {
                        batch.forEach(this::writeAlone);
                    }
                }
                batch.forEach(s -> s.done = true);
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void writeAlone(Slot<T, R> slot) {
        try {
            slot.result = writeAll.apply(List.of(slot.item)).get(0);
        } catch (RuntimeException e) {
            slot.failure = e;
        }
    }
}
