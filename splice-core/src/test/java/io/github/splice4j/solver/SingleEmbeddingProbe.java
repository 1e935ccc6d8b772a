package io.github.splice4j.solver;

import io.github.splice4j.npy.Npy;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A benchmark harness, not a test: one embedding per call, as an online service solves them. The default solver on
 * each target of {@code Z.npy} in turn, after 2,000 warm-up calls past the one that makes the dictionary's Gram matrix
 * (when it fits the solver's budget): the median and 90th percentile of 4,000 calls.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes:splice-core/target/test-classes \
 *     io.github.splice4j.solver.SingleEmbeddingProbe D.npy Z.npy [λ]
 * </pre>
 */
public final class SingleEmbeddingProbe {
    private SingleEmbeddingProbe() {
    }

    /**
     * @param args the dictionary and the targets ({@code .npy}), and λ (default 0.25)
     * @throws Exception if a file cannot be read
     */
    public static void main(String[] args) throws Exception {
        DictionaryMatrix dictionary = DictionaryMatrix.of(Npy.readMatrix(Path.of(args[0])), args[0]);
        double[][] targets = Npy.readMatrix(Path.of(args[1]));
        double lambda = args.length > 2 ? Double.parseDouble(args[2]) : 0.25;
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        // past the call that makes the dictionary's Gram matrix, when it fits the budget
        long warmUp = 2000 + Math.max(0, solver.gramAfter(dictionary));
        for (long i = 0; i < warmUp; i++) {
            solver.solve(dictionary, targets[(int) (i % targets.length)], lambda);
        }
        int calls = 4000;
        double[] ms = new double[calls];
        double rounds = 0;
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            LassoResult result = solver.solve(dictionary, targets[i % targets.length], lambda);
            ms[i] = (System.nanoTime() - t) / 1e6;
            rounds += result.rounds();
        }
        Arrays.sort(ms);
        System.out.printf("one embedding per call (%s, Gram matrix %s): median %.3f ms, 90th percentile %.3f ms, best"
                + " %.3f ms; %.2f certificate rounds per embedding%n", solver.describe(),
                dictionary.gram() == null ? "not made" : "made", ms[calls / 2], ms[calls * 9 / 10], ms[0], rounds / calls);
    }
}
