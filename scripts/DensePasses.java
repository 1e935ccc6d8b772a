import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.nio.file.Path;

/**
 * Passes of the default solver (without the dictionary's Gram matrix, so that every pass does the same work) over
 * all targets at one λ, each pass's rate printed; with {@code -Xlog:gc:file=gc.log} the garbage collector's pauses
 * can be added up beside them:
 * <pre>
 * java --add-modules jdk.incubator.vector -Xlog:gc:file=gc.log -cp splice-core/target/classes \
 *     scripts/DensePasses.java D.npy Z.npy λ passes
 * </pre>
 */
public class DensePasses {
    public static void main(String[] a) throws Exception {
        DictionaryMatrix dict = DictionaryMatrix.of(Npy.readMatrix(Path.of(a[0])), a[0]);
        double[][] z = Npy.readMatrix(Path.of(a[1]));
        double lambda = Double.parseDouble(a[2]);
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.builder().gramBudget(0).build();
        for (int p = 0; p < Integer.parseInt(a[3]); p++) {
            long t = System.nanoTime();
            var results = solver.solve(dict, z, lambda);
            double l0 = results.stream().mapToInt(LassoResult::l0).average().orElse(0);
            double rounds = results.stream().mapToInt(LassoResult::rounds).average().orElse(0);
            long unconverged = results.stream().filter(r -> !r.converged()).count();
            double objective = results.stream().mapToDouble(LassoResult::objective).average().orElse(0);
            System.out.printf("pass %d: %.1f/s, mean l0 %.1f, rounds %.2f, unconverged %d, mean objective %.12f%n", p,
                    z.length / ((System.nanoTime() - t) / 1e9), l0, rounds, unconverged, objective);
        }
    }
}
