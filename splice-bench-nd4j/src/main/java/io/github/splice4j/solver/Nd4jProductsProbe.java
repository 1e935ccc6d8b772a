package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.npy.Npy;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A benchmark harness, not a test: ND4J's OpenBLAS GEMM as the products backend of the working-set solver,
 * side by side with the solver's own Vector API kernels, on the same dictionary and targets.
 * <ol>
 *   <li>Speed of one product (256 targets, and 1), the median of 21 after 100 warm-up products: the Vector API
 *   kernels on 2 threads split by panels as the solver splits them; ND4J's {@code sgemm} on OpenBLAS's own
 *   threads, including the copy of the result back into a Java array that the solver needs.</li>
 *   <li>Bits: how many of the 256 × c products differ between the two, and the largest difference as a share
 *   of the error bound the solver's certificate allows for.</li>
 *   <li>Determinism: ND4J's product twice, and with 1 and 2 BLAS threads.</li>
 *   <li>The whole solver with each backend, best of 5 runs after 3: embeddings/s, and whether the solutions
 *   are bit-identical.</li>
 * </ol>
 * <pre>
 * mvn -B -Pnd4j -pl splice-bench-nd4j -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp splice-bench-nd4j/target/splice-bench-nd4j-0.1.0-SNAPSHOT.jar:$(cat \
 *     splice-bench-nd4j/target/classpath.txt) io.github.splice4j.solver.Nd4jProductsProbe D.npy Z.npy [λ]
 * </pre>
 */
public final class Nd4jProductsProbe {
    private static final int REPEATS = 21;

    private Nd4jProductsProbe() {
    }

    /**
     * @param args the dictionary and the targets ({@code .npy}), and optionally λ (default 0.25)
     * @throws Exception if a worker fails
     */
    public static void main(String[] args) throws Exception {
        DictionaryMatrix dict = DictionaryMatrix.of(Npy.readMatrix(Path.of(args[0])), args[0]);
        double[][] targets = Npy.readMatrix(Path.of(args[1]));
        double lambda = args.length > 2 ? Double.parseDouble(args[2]) : 0.25;
        int c = dict.concepts();
        int d = dict.dimension();
        Kernels kernels = Kernels.best();
        Nd4jProducts nd4j = new Nd4jProducts(dict);
        System.out.printf("backends: %s kernels; %s with %d BLAS threads%n", kernels.name(), nd4j.name(),
                Nd4j.factory().blas().getMaxThreads());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int m : new int[] {256, 1}) {
            float[] a = new float[m * d];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < d; j++) {
                    a[i * d + j] = (float) targets[i % targets.length][j];
                }
            }
            float[] ours = new float[m * c];
            float[] theirs = new float[m * c];
            double oursMs = medianMs(() -> vectorProduct(pool, kernels, a, m, dict, ours));
            double theirsMs = medianMs(() -> nd4j.multiply(a, m, dict, theirs));
            double flop = 2.0 * m * c * d;
            System.out.printf("product m = %d: Vector API %.3f ms (%.1f GFLOP/s), ND4J %.3f ms (%.1f GFLOP/s)%n", m,
                    oursMs, flop / oursMs / 1e6, theirsMs, flop / theirsMs / 1e6);
            if (m == 256) {
                bits(a, m, d, dict, ours, theirs);
                float[] again = new float[m * c];
                nd4j.multiply(a, m, dict, again);
                int threads = Nd4j.factory().blas().getMaxThreads();
                Nd4j.factory().blas().setMaxThreads(1);
                float[] single = new float[m * c];
                nd4j.multiply(a, m, dict, single);
                Nd4j.factory().blas().setMaxThreads(threads);
                System.out.printf("ND4J determinism: same call twice %s; 1 BLAS thread against %d: %d of %d products "
                        + "differ%n", Arrays.equals(theirs, again) ? "bit-identical" : "DIFFERENT", threads,
                        differing(theirs, single), theirs.length);
            }
        }
        pool.shutdown();

        double[] lambdas = new double[targets.length];
        Arrays.fill(lambdas, lambda);
        WorkingSetLassoSolver vector = WorkingSetLassoSolver.builder().threads(2).build();
        WorkingSetLassoSolver blas = WorkingSetLassoSolver.builder().threads(2).products(nd4j).build();
        List<LassoResult> first = null;
        List<LassoResult> second = null;
        // alternate the two so that the machine's drift falls on both
        long bestVector = Long.MAX_VALUE;
        long bestBlas = Long.MAX_VALUE;
        for (int r = -3; r < 5; r++) {
            long t = System.nanoTime();
            first = vector.solve(dict, targets, lambdas, null, ProgressListener.NONE);
            long t1 = System.nanoTime();
            second = blas.solve(dict, targets, lambdas, null, ProgressListener.NONE);
            long t2 = System.nanoTime();
            if (r >= 0) {
                bestVector = Math.min(bestVector, t1 - t);
                bestBlas = Math.min(bestBlas, t2 - t1);
            }
        }
        int different = 0;
        double maxGap = 0;
        double maxObjective = 0;
        for (int i = 0; i < targets.length; i++) {
            LassoResult x = first.get(i);
            LassoResult y = second.get(i);
            if (!Arrays.equals(x.indices(), y.indices()) || !Arrays.equals(x.weights(), y.weights())) {
                different++;
            }
            maxGap = Math.max(maxGap, y.dualityGap() / y.objective());
            maxObjective = Math.max(maxObjective, Math.abs(x.objective() - y.objective()) / x.objective());
        }
        System.out.printf("solver, n = %d, λ = %s: %s %.0f embeddings/s; %s %.0f embeddings/s; solutions differing in any "
                + "bit: %d; ND4J run's max relative gap %.1e; max relative objective difference %.1e%n",
                targets.length, lambda, vector.describe(), targets.length / (bestVector / 1e9), blas.describe(),
                targets.length / (bestBlas / 1e9), different, maxGap, maxObjective);
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).reduce((x, y) -> x + "; " + y).orElse("");
        System.out.println("process memory with both backends loaded: " + rss.replaceAll("\\s+", " "));
    }

    private static double medianMs(Runnable product) {
        long[] times = new long[REPEATS];
        for (int r = -100; r < REPEATS; r++) {
            long t = System.nanoTime();
            product.run();
            if (r >= 0) {
                times[r] = System.nanoTime() - t;
            }
        }
        Arrays.sort(times);
        return times[REPEATS / 2] / 1e6;
    }

    private static void vectorProduct(ExecutorService pool, Kernels kernels, float[] a, int m, DictionaryMatrix dict,
                                      float[] out) {
        int c = dict.concepts();
        int d = dict.dimension();
        int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
        float[] interleaved = Kernels.interleave(a, m, d);
        List<Future<?>> parts = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int from = panels * p / 2;
            int to = panels * (p + 1) / 2;
            parts.add(pool.submit(() -> kernels.gemm(a, interleaved, m, d, dict.packed, from, to, out, c)));
        }
        try {
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How the two products differ, against the single-precision error bound the certificate relies on. */
    private static void bits(float[] a, int m, int d, DictionaryMatrix dict, float[] ours, float[] theirs) {
        int c = dict.concepts();
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) a[i * d + j] * a[i * d + j];
            }
            double bound = (d + 3) * 0x1p-24 * 1.01 * dict.maxRowNorm() * Math.sqrt(norm);
            for (int j = 0; j < c; j++) {
                worst = Math.max(worst, Math.abs(ours[i * c + j] - theirs[i * c + j]) / bound);
            }
        }
        System.out.printf("bits: %d of %d products differ between the backends; largest difference %.4f of the "
                + "certificate's error bound%n", differing(ours, theirs), ours.length, worst);
    }

    private static int differing(float[] x, float[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                n++;
            }
        }
        return n;
    }
}
