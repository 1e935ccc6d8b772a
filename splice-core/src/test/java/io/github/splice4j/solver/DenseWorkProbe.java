package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.npy.Npy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A benchmark harness, not a test: the work of the default solver's kernels per embedding, for the roofline of dense
 * solutions in {@code docs/PERFORMANCE.md}. First the solver's rate with its own kernels (3 warm-up passes over all
 * targets, then the best of 5; the dictionary's Gram matrix is not made, so every pass does the same work); then one
 * pass through {@link CountingKernels}, which counts each kernel's floating-point operations and times the calls of
 * the three kernels whose calls are long enough to time one by one (the batch product, the working sets' Gram blocks
 * and the Cholesky columns). Prints, per embedding, each kernel's MFLOP and, for the timed ones, their rate:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes:splice-core/target/test-classes \
 *     io.github.splice4j.solver.DenseWorkProbe D.npy Z.npy λ
 * </pre>
 * Work outside the kernels (coordinate descent's updates, the residual, the exact solve's substitutions) is not
 * counted here.
 */
public final class DenseWorkProbe {
    private DenseWorkProbe() {
    }

    /**
     * @param args the dictionary, the targets ({@code .npy}) and λ
     */
    public static void main(String[] args) {
        DictionaryMatrix dictionary = DictionaryMatrix.of(Npy.readMatrix(Path.of(args[0])), args[0]);
        double[][] targets = Npy.readMatrix(Path.of(args[1]));
        double[] lambdas = new double[targets.length];
        Arrays.fill(lambdas, Double.parseDouble(args[2]));
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.builder().gramBudget(0).build();
        for (int r = 0; r < 3; r++) {
            solver.solve(dictionary, targets, lambdas, null, ProgressListener.NONE);
        }
        long best = Long.MAX_VALUE;
        List<LassoResult> results = null;
        for (int r = 0; r < 5; r++) {
            long t = System.nanoTime();
            results = solver.solve(dictionary, targets, lambdas, null, ProgressListener.NONE);
            best = Math.min(best, System.nanoTime() - t);
        }
        double l0 = results.stream().mapToInt(LassoResult::l0).average().orElse(0);
        double rounds = results.stream().mapToInt(LassoResult::rounds).average().orElse(0);
        System.out.printf("solver: %.1f embeddings/s (best of 5 after 3), mean l0 %.1f, rounds %.2f, %d threads%n",
                targets.length / (best / 1e9), l0, rounds, solver.threads());

        CountingKernels counting = new CountingKernels(Kernels.best());
        WorkingSetLassoSolver counted = WorkingSetLassoSolver.builder().gramBudget(0).kernels(counting).build();
        counted.solve(dictionary, targets, lambdas, null, ProgressListener.NONE);
        counting.reset();
        long t = System.nanoTime();
        counted.solve(dictionary, targets, lambdas, null, ProgressListener.NONE);
        double wall = (System.nanoTime() - t) / 1e9;
        counting.print(targets.length, wall, counted.threads());
    }

    /** The solver's kernels, each call's floating-point operations counted (multiply-adds as two). */
    static final class CountingKernels implements Kernels {
        private final Kernels inner;
        private final String[] names = {"gemm (float, batch product)", "screen (16-bit product)", "subtractColumns",
            "dot (double)", "dot4 (double)", "gram (double, working-set blocks)", "choleskyColumn(Pair) (double)",
            "scans (max, atLeast, firstAbove; elements)"};
        private final LongAdder[] flops = new LongAdder[names.length];
        private final LongAdder[] nanos = new LongAdder[names.length];

        CountingKernels(Kernels inner) {
            this.inner = inner;
            for (int i = 0; i < names.length; i++) {
                flops[i] = new LongAdder();
                nanos[i] = new LongAdder();
            }
        }

        /** @return the floating-point operations counted in {@link #gram} calls since the last {@link #reset} */
        long gramFlops() {
            return flops[5].sum();
        }

        void reset() {
            for (int i = 0; i < names.length; i++) {
                flops[i].reset();
                nanos[i].reset();
            }
        }

        void print(int n, double wall, int threads) {
            System.out.printf("counted pass: %.3f s wall on %d threads (%.3f thread-seconds per embedding ms)%n", wall,
                    threads, wall * threads / n * 1e3);
            for (int i = 0; i < names.length; i++) {
                double mflop = flops[i].sum() / (double) n / 1e6;
                long ns = nanos[i].sum();
                String rate = ns == 0 ? "" : String.format(", %.3f ms per embedding in its calls, %.1f GFLOP/s per"
                        + " thread", ns / (double) n / 1e6, flops[i].sum() / (double) ns);
                System.out.printf("  %-45s %9.3f M per embedding%s%n", names[i], mflop, rate);
            }
        }

        @Override
        public void gemm(float[] a, float[] interleaved, int m, int k, float[] packed, int panelFrom, int panelTo,
                         float[] c, int ldc) {
            long t = System.nanoTime();
            inner.gemm(a, interleaved, m, k, packed, panelFrom, panelTo, c, ldc);
            nanos[0].add(System.nanoTime() - t);
            int columns = Math.min(ldc, panelTo * PANEL) - panelFrom * PANEL;
            flops[0].add(2L * m * k * columns);
        }

        @Override
        public void screen(float[] a, int aOff, int k, short[] packed, float[] scale, int panelFrom, int panelTo,
                           float[] c, int cOff, int concepts) {
            inner.screen(a, aOff, k, packed, scale, panelFrom, panelTo, c, cOff, concepts);
            flops[1].add(2L * k * (Math.min(concepts, panelTo * PANEL) - panelFrom * PANEL));
        }

        @Override
        public void subtractColumns(float[] base, int baseOff, short[] columns, int[] col, float[] coef, int count,
                                    float[] out, int outOff, int n) {
            inner.subtractColumns(base, baseOff, columns, col, coef, count, out, outOff, n);
            flops[2].add(2L * count * n);
        }

        @Override
        public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
            flops[3].add(2L * n);
            return inner.dot(x, xOff, y, yOff, n);
        }

        @Override
        public void choleskyColumn(double[] l, int n, int j) {
            long t = System.nanoTime();
            inner.choleskyColumn(l, n, j);
            nanos[6].add(System.nanoTime() - t);
            flops[6].add(2L * j * (n - j));
        }

        @Override
        public void choleskyColumnPair(double[] l, int n, int j) {
            long t = System.nanoTime();
            inner.choleskyColumnPair(l, n, j);
            nanos[6].add(System.nanoTime() - t);
            flops[6].add(2L * j * (n - j) + 2L * j * (n - j - 1));
        }

        @Override
        public void dot4(double[] x, int xOff, double[] y, int y0, int y1, int y2, int y3, int n, double[] out,
                         int outOff) {
            flops[4].add(8L * n);
            inner.dot4(x, xOff, y, y0, y1, y2, y3, n, out, outOff);
        }

        @Override
        public void gram(double[] x, int n, int[] rows, int aFrom, int aTo, int bFrom, int bTo, double[][] out) {
            long t = System.nanoTime();
            inner.gram(x, n, rows, aFrom, aTo, bFrom, bTo, out);
            nanos[5].add(System.nanoTime() - t);
            flops[5].add(2L * n * (aTo - aFrom) * Math.max(0, bTo - bFrom));
        }

        @Override
        public float max(float[] a, int off, int n) {
            flops[7].add(n);
            return inner.max(a, off, n);
        }

        @Override
        public int atLeast(float[] a, int off, int n, float min, int[] out) {
            flops[7].add(n);
            return inner.atLeast(a, off, n, min, out);
        }

        @Override
        public int firstAbove(float[] a, int off, int from, int n, float min) {
            flops[7].add(n - from);
            return inner.firstAbove(a, off, from, n, min);
        }

        @Override
        public String name() {
            return "counting(" + inner.name() + ")";
        }
    }
}
