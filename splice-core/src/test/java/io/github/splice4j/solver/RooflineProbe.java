package io.github.splice4j.solver;

import io.github.splice4j.npy.Npy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A benchmark harness, not a test: the roofline of {@code docs/PERFORMANCE.md}. First the rate of
 * the solver's product kernel on the dictionary, for 1 and 2 threads (panels split between them, as
 * the solver splits them) and for 256 targets (a batch) and 1 target (one embedding per call, also from the
 * 16-bit {@link ScreeningCopy} the solver uses there): the
 * median of 21 products after 200 warm-up products, in GFLOP/s counting 2·m·c·d operations. Then the
 * default solver on all targets at λ (default 0.25), best of 5 runs after 3 warm-up runs (and 3 more after the one
 * that makes the dictionary's Gram matrix): embeddings/s, products over the dictionary per embedding (one screening
 * product plus one per certificate round that does not read Gram columns),
 * the share of the 2-thread batch ceiling reached, and how many distinct concepts the solutions of
 * each batch of 256 use (what a cache of Gram columns would have to hold):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes:splice-core/target/test-classes \
 *     io.github.splice4j.solver.RooflineProbe D.npy Z.npy [λ]
 * </pre>
 */
public final class RooflineProbe {
    private RooflineProbe() {
    }

    /**
     * @param args the dictionary ({@code .npy})
     * @throws Exception if a worker fails
     */
    public static void main(String[] args) throws Exception {
        DictionaryMatrix dictionary = DictionaryMatrix.of(Npy.readMatrix(Path.of(args[0])), args[0]);
        Kernels kernels = Kernels.best();
        int c = dictionary.concepts();
        int d = dictionary.dimension();
        int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
        double ceiling = 0;
        for (int threads : new int[] {1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int m : new int[] {256, 1}) {
                float[] a = new float[m * d];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) Math.sin(i);
                }
                float[] out = new float[m * c];
                double seconds = medianSeconds(pool, threads, panels,
                        (from, to) -> kernels.gemm(a, m, d, dictionary.packed, from, to, out, c));
                double gflops = 2.0 * m * c * d / seconds / 1e9;
                System.out.printf("threads %d, m %d: %.3f ms per product, %.1f GFLOP/s%n", threads, m,
                        seconds * 1e3, gflops);
                if (threads == 2 && m == 256) {
                    ceiling = gflops;
                }
                if (m == 1) {
                    // one target's product from the 16-bit screening copy, as the solver makes it for one embedding
                    ScreeningCopy copy = dictionary.screening();
                    seconds = medianSeconds(pool, threads, panels,
                            (from, to) -> kernels.screen(a, 0, d, copy.packed, copy.scale, from, to, out, 0, c));
                    System.out.printf("threads %d, m 1, 16-bit copy: %.3f ms per product, %.1f GFLOP/s; error bound"
                            + " per unit norm %.2e (single precision: %.2e)%n", threads, seconds * 1e3,
                            2.0 * c * d / seconds / 1e9, copy.errorPerNorm,
                            WorkingSetLassoSolver.floatErrorPerNorm(dictionary));
                }
            }
            pool.shutdown();
        }
        double[][] targets = Npy.readMatrix(Path.of(args[1]));
        double[] lambdas = new double[targets.length];
        java.util.Arrays.fill(lambdas, args.length > 2 ? Double.parseDouble(args[2]) : 0.25);
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        long best = Long.MAX_VALUE;
        List<LassoResult> results = null;
        // warm-up: 3 runs, and 3 after the one that makes the dictionary's Gram matrix (when it fits the budget)
        long gramAfter = solver.gramAfter(dictionary);
        long solved = 0;
        int warm = 0;
        int sinceGram = gramAfter >= 0 ? -1 : 3;
        while (warm < 3 || sinceGram < 3) {
            boolean makesGram = sinceGram < 0 && solved >= gramAfter;
            solver.solve(dictionary, targets, lambdas, null, io.github.splice4j.ProgressListener.NONE);
            solved += targets.length;
            warm++;
            sinceGram = makesGram ? 0 : sinceGram < 0 ? -1 : sinceGram + 1;
        }
        for (int r = 0; r < 5; r++) {
            long t = System.nanoTime();
            results = solver.solve(dictionary, targets, lambdas, null, io.github.splice4j.ProgressListener.NONE);
            best = Math.min(best, System.nanoTime() - t);
        }
        double rate = targets.length / (best / 1e9);
        boolean gram = dictionary.gram() != null;
        double passes = 0;
        double l0 = 0;
        for (LassoResult result : results) {
            // with the Gram matrix, a certificate round of a target with at most d / 8 active concepts reads Gram
            // columns instead of taking a product (counted here by the final l0)
            passes += 1 + (gram && result.l0() * 8 <= d ? 0 : result.rounds());
            l0 += result.l0();
        }
        passes /= targets.length;
        double limit = ceiling * 1e9 / (2.0 * c * d) / passes;
        System.out.printf("solver: %.0f embeddings/s, mean l0 %.1f, %.2f products per embedding (Gram matrix %s);"
                + " ceiling at %.1f GFLOP/s %.0f embeddings/s; share reached %.0f%%%n", rate, l0 / targets.length,
                passes, gram ? "made" : "not made", ceiling, limit, 100 * rate / limit);
        StringBuilder union = new StringBuilder("distinct concepts used per batch of 256:");
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int from = 0; from < results.size(); from += 256) {
            java.util.Set<Integer> batch = new java.util.HashSet<>();
            for (LassoResult result : results.subList(from, Math.min(results.size(), from + 256))) {
                for (int concept : result.indices()) {
                    batch.add(concept);
                    all.add(concept);
                }
            }
            union.append(' ').append(batch.size());
        }
        System.out.println(union.append("; in all ").append(all.size()));
    }

    /** A product over panels {@code [from, to)}. */
    private interface PanelRange {
        void run(int from, int to);
    }

    /** The median of 21 products after 200 warm-up products, the panels split evenly between the threads. */
    private static double medianSeconds(ExecutorService pool, int threads, int panels, PanelRange product)
            throws Exception {
        long[] times = new long[21];
        for (int r = -200; r < times.length; r++) {
            long t = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int p = 0; p < threads; p++) {
                int from = panels * p / threads;
                int to = panels * (p + 1) / threads;
                parts.add(pool.submit(() -> product.run(from, to)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            if (r >= 0) {
                times[r] = System.nanoTime() - t;
            }
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2] / 1e9;
    }
}
