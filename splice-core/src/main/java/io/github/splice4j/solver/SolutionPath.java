package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solutions of the same targets for a grid of λ, solved from the largest λ down, each warm-started
 * from the one before (its support and weights), so that a sparsity–accuracy curve costs much less
 * than independent solves. Every result carries its own certificate.
 */
public final class SolutionPath {
    private final double[] lambdas;
    private final List<List<LassoResult>> results;

    private SolutionPath(double[] lambdas, List<List<LassoResult>> results) {
        this.lambdas = lambdas;
        this.results = results;
    }

    /**
     * Computes the path.
     * @param solver the solver
     * @param dictionary {@code D}
     * @param targets the targets
     * @param grid the λ values (any order; solved in descending order)
     * @param progress told how many (λ, target) solutions are done
     * @return the path, its λ in descending order
     */
    public static SolutionPath compute(NonnegativeLassoSolver solver, DictionaryMatrix dictionary, double[][] targets,
                                       double[] grid, ProgressListener progress) {
        if (grid.length == 0) {
            throw SpliceInputException.forParameter("grid", "the λ grid is empty");
        }
        for (double lambda : grid) {
            Penalty.lambda(lambda);
        }
        double[] lambdas = Arrays.stream(grid).boxed().sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue).toArray();
        List<List<LassoResult>> results = new ArrayList<>();
        LassoResult[] warm = null;
        long total = (long) lambdas.length * targets.length;
        for (int k = 0; k < lambdas.length; k++) {
            double[] perRow = new double[targets.length];
            Arrays.fill(perRow, lambdas[k]);
            long base = (long) k * targets.length;
            List<LassoResult> step = solver.solve(dictionary, targets, perRow, warm,
                    (done, t) -> progress.progress(base + done, total));
            results.add(List.copyOf(step));
            warm = step.toArray(new LassoResult[0]);
        }
        return new SolutionPath(lambdas, List.copyOf(results));
    }

    /** @return the λ values, descending (a copy) */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /**
     * @param k index into {@link #lambdas()}
     * @return the results at that λ, one per target
     */
    public List<LassoResult> results(int k) {
        return results.get(k);
    }

    /**
     * @param k index into {@link #lambdas()}
     * @return the mean l0 at that λ
     */
    public double meanL0(int k) {
        return results.get(k).stream().mapToInt(LassoResult::l0).average().orElse(0);
    }
}
