package io.github.splice4j.solver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolverThreadsTest {

    /** Every index runs exactly once, whether one caller has the helpers or several callers contend for them. */
    @Test
    void everyIndexRunsOnceFromManyCallersAtOnce() throws Exception {
        for (int threads : new int[] {2, 3}) {
            SolverThreads pool = SolverThreads.of(threads);
            assertSame(pool, SolverThreads.of(threads));
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int seed = caller;
                done.add(callers.submit(() -> {
                    for (int loop = 0; loop < 300; loop++) {
                        int n = (loop * 7 + seed) % 40;
                        AtomicIntegerArray runs = new AtomicIntegerArray(n);
                        pool.forEach(n, runs::incrementAndGet);
                        for (int i = 0; i < n; i++) {
                            assertEquals(1, runs.get(i), "index " + i + " of " + n);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            callers.shutdown();
        }
    }

    /** A loop run from inside a loop's body runs alone, every index once. */
    @Test
    void aLoopInsideALoopRunsAlone() {
        SolverThreads pool = SolverThreads.of(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(20 * 30);
        pool.forEach(20, i -> pool.forEach(30, j -> runs.incrementAndGet(i * 30 + j)));
        for (int k = 0; k < runs.length(); k++) {
            assertEquals(1, runs.get(k));
        }
    }

    /** A body's exception reaches the caller, and the threads still run the next loop. */
    @Test
    void aFailureIsRethrownAndTheThreadsCarryOn() {
        SolverThreads pool = SolverThreads.of(2);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> pool.forEach(100, i -> {
            if (i == 37) {
                throw new IllegalArgumentException("index 37");
            }
        }));
        assertEquals("index 37", thrown.getMessage());
        AssertionError error = assertThrows(AssertionError.class, () -> pool.forEach(10, i -> {
            throw new AssertionError("always");
        }));
        assertEquals("always", error.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        pool.forEach(1000, runs::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    /**
     * Solves from several threads at once, one embedding per call and in batches, give the bits of a serial solve
     * without the Gram matrix, while one of the callers makes the dictionary's Gram matrix and the others go on and
     * then use it.
     */
    @Test
    void concurrentSolvesGiveTheBitsOfASerialOne() throws Exception {
        TestProblems p = TestProblems.clipLike(800, 24, 0.8, 5);
        List<LassoResult> serial = WorkingSetLassoSolver.builder().threads(1).gramBudget(0).build()
                .solve(p.dictionary, p.targets, 0.2);
        assertNull(p.dictionary.gram());
        // the serial solve counted 24 targets: one of the callers' calls makes the matrix after a few more
        WorkingSetLassoSolver shared = WorkingSetLassoSolver.builder().threads(2).gramAfter(30).build();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        List<Future<List<LassoResult>>> results = new ArrayList<>();
        for (int caller = 0; caller < 3; caller++) {
            boolean oneAtATime = caller != 0;
            results.add(callers.submit(() -> {
                if (!oneAtATime) {
                    return shared.solve(p.dictionary, p.targets, 0.2);
                }
                List<LassoResult> out = new ArrayList<>();
                for (double[] target : p.targets) {
                    out.add(shared.solve(p.dictionary, target, 0.2));
                }
                return out;
            }));
        }
        for (Future<List<LassoResult>> f : results) {
            List<LassoResult> got = f.get();
            for (int i = 0; i < serial.size(); i++) {
                assertArrayEquals(serial.get(i).indices(), got.get(i).indices());
                assertArrayEquals(serial.get(i).weights(), got.get(i).weights(), 0.0);
                assertEquals(serial.get(i).dualityGap(), got.get(i).dualityGap(), 0.0);
            }
        }
        callers.shutdown();
        assertNotNull(p.dictionary.gram());
        assertTrue(serial.stream().allMatch(LassoResult::converged));
    }
}
