package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.npy.Npy;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A benchmark harness, not a test: how a fresh JVM's first products and batches compare with later
 * ones. Run it in a new JVM each time, with or without {@code -Dsplice4j.kernels.warmup=false}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes:splice-core/target/test-classes \
 *     io.github.splice4j.solver.ColdStartProbe D.npy Z.npy
 * </pre>
 * It prints the time to choose (and warm up) the kernels, the first and second full product of 256
 * targets against the dictionary, and each batch of 256 of the first 3,072 targets solved at λ = 0.25.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    /**
     * @param args the dictionary and the targets ({@code .npy})
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        Kernels kernels = Kernels.best();
        long chosen = System.nanoTime();
        DictionaryMatrix dictionary = DictionaryMatrix.of(Npy.readMatrix(Path.of(args[0])), args[0]);
        double[][] targets = Npy.readMatrix(Path.of(args[1]));
        int c = dictionary.concepts();
        int d = dictionary.dimension();
        int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
        float[] a = new float[256 * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) targets[(i / d) % targets.length][i % d];
        }
        float[] out = new float[256 * c];
        long[] product = new long[2];
        for (int r = 0; r < 2; r++) {
            long t = System.nanoTime();
            kernels.gemm(a, 256, d, dictionary.packed, 0, panels, out, c);
            product[r] = System.nanoTime() - t;
        }
        System.out.printf("kernels %s chosen in %.0f ms; product of 256 × %d × %d: first %.0f ms, second %.0f ms%n",
                kernels.name(), (chosen - start) / 1e6, c, d, product[0] / 1e6, product[1] / 1e6);
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        StringBuilder batches = new StringBuilder("batches of 256 at λ = 0.25 (ms):");
        for (int from = 0; from + 256 <= Math.min(targets.length, 3072); from += 256) {
            double[][] batch = Arrays.copyOfRange(targets, from, from + 256);
            double[] lambdas = new double[256];
            Arrays.fill(lambdas, 0.25);
            long t = System.nanoTime();
            solver.solve(dictionary, batch, lambdas, null, ProgressListener.NONE);
            batches.append(String.format(" %.0f", (System.nanoTime() - t) / 1e6));
        }
        System.out.println(batches);
    }
}
