package io.github.splice4j.solver;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The solver's threads: the calling thread and {@code threads − 1} helper threads (daemons, one set per thread count,
 * shared by every solver and kept for the life of the JVM) run the indices of a loop, each taking the next index as it
 * finishes one. Between loops a helper spins for {@link #SPIN_NANOS} before it parks: the solver's loops follow each
 * other within microseconds, and one embedding's product takes about a tenth of a millisecond, which a parked helper
 * spent largely waking up (inside the solver such a product took 0.17 ms on average with parked workers, against
 * 0.11 ms back to back; {@code docs/PERFORMANCE.md}). So a helper costs up to that much processor time after each
 * loop.
 *
 * <p>One caller at a time has the helpers; a caller that finds them busy runs its loop alone. Which thread runs an
 * index never changes a result: each index writes its own outputs.
 */
final class SolverThreads {
    /** How long a helper spins for the next loop before it parks. */
    static final long SPIN_NANOS = 200_000;
    private static final ConcurrentHashMap<Integer, SolverThreads> BY_COUNT = new ConcurrentHashMap<>();

    private final Thread[] helpers;
    /** Whether a caller has the helpers (not reentrant: a loop run from inside a loop runs alone). */
    private final AtomicBoolean owned = new AtomicBoolean();
    /** The loop being run, published before its generation. */
    private volatile Loop loop;
    private volatile long generation;

    private SolverThreads(int threads) {
        helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            Thread t = new Thread(this::help, "splice4j-solver-" + h);
            t.setDaemon(true);
            helpers[h] = t;
            t.start();
        }
    }

    /**
     * @param threads threads in all, the caller included (≥ 1)
     * @return the shared threads for that count
     */
    static SolverThreads of(int threads) {
        return BY_COUNT.computeIfAbsent(threads, SolverThreads::new);
    }

    /**
     * Runs {@code body} for every index below n, on the caller and the helpers; returns when all have run. The first
     * exception a body throws is rethrown here (the other indices not yet taken are skipped).
     */
    void forEach(int n, IntConsumer body) {
        if (helpers.length == 0 || n <= 1 || !owned.compareAndSet(false, true)) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            Loop current = new Loop(n, body);
            loop = current;
            generation = generation + 1;
            for (Thread t : helpers) {
                LockSupport.unpark(t);
            }
            current.drain();
            loop = null;
            current.awaitHelpers();
            current.rethrow();
        } finally {
            owned.set(false);
        }
    }

    /** A helper's life: wait for the next loop, spinning a while and then parked, and take indices from it. */
    private void help() {
        long seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (generation == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            Loop current = loop;
            if (current != null && current.join()) {
                current.drain();
                current.leave();
            }
        }
    }

    /** One loop: its next index, and the helpers that joined it and have not yet left. */
    private static final class Loop {
        private final int n;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        /** Helpers inside {@link #drain}; negative once the caller has stopped admitting them. */
        private final AtomicInteger inside = new AtomicInteger();
        private volatile Throwable failure;

        Loop(int n, IntConsumer body) {
            this.n = n;
            this.body = body;
        }

        void drain() {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                    next.set(n);
                }
            }
        }

        /** @return whether a helper may still join (the caller has not closed the loop) */
        boolean join() {
            while (true) {
                int k = inside.get();
                if (k < 0) {
                    return false;
                }
                if (inside.compareAndSet(k, k + 1)) {
                    return true;
                }
            }
        }

        void leave() {
            inside.decrementAndGet();
        }

        /** Closes the loop to late helpers, then waits for those inside to finish their last index. */
        void awaitHelpers() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!inside.compareAndSet(0, Integer.MIN_VALUE)) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(10_000);
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
