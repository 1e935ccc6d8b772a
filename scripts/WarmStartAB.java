import io.github.splice4j.ProgressListener;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * In one JVM, passes that alternate a direct solve of every target at λ with a path to λ: the same targets solved at
 * each larger λ of a list in turn, each from the last one's solutions, then at λ from those. Prints each pass's rates
 * (the warm solve at λ alone too), mean rounds and mean objectives:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes \
 *     scripts/WarmStartAB.java D.npy Z.npy λ λ1,λ2,… passes
 * </pre>
 */
public class WarmStartAB {
    public static void main(String[] a) throws Exception {
        DictionaryMatrix dict = DictionaryMatrix.of(Npy.readMatrix(Path.of(a[0])), a[0]);
        double[][] z = Npy.readMatrix(Path.of(a[1]));
        int n = z.length;
        double[] at = new double[n];
        Arrays.fill(at, Double.parseDouble(a[2]));
        double[] before = Arrays.stream(a[3].split(",")).mapToDouble(Double::parseDouble).toArray();
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.builder().gramBudget(0).build();
        for (int p = 0; p < Integer.parseInt(a[4]); p++) {
            long t0 = System.nanoTime();
            List<LassoResult> direct = solver.solve(dict, z, at, null, ProgressListener.NONE);
            long t1 = System.nanoTime();
            LassoResult[] warm = null;
            for (double lambda : before) {
                double[] l = new double[n];
                Arrays.fill(l, lambda);
                warm = solver.solve(dict, z, l, warm, ProgressListener.NONE).toArray(new LassoResult[0]);
            }
            long tw = System.nanoTime();
            List<LassoResult> path = solver.solve(dict, z, at, warm, ProgressListener.NONE);
            long t2 = System.nanoTime();
            System.out.printf("pass %d: direct %.1f/s (rounds %.2f, objective %.12f); path %.1f/s, its last solve %.1f/s"
                            + " (rounds %.2f, objective %.12f)%n", p, n / ((t1 - t0) / 1e9), rounds(direct),
                    objective(direct), n / ((t2 - t1) / 1e9), n / ((t2 - tw) / 1e9), rounds(path), objective(path));
        }
    }

    private static double rounds(List<LassoResult> results) {
        return results.stream().mapToInt(LassoResult::rounds).average().orElse(0);
    }

    private static double objective(List<LassoResult> results) {
        return results.stream().mapToDouble(LassoResult::objective).average().orElse(0);
    }
}
