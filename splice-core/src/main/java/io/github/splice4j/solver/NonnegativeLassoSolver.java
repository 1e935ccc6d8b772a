package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;

import java.util.Arrays;
import java.util.List;

/**
 * Solves {@code min_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0} for a batch of targets {@code z}.
 *
 * <p>This is SpLiCE's convention. The reference implementation's scikit-learn call solves the same
 * problem with {@code alpha = λ / (2·dimension)}; its ADMM uses λ as is.
 *
 * <p>Implementations solve each target at its own λ and may be warm-started from earlier solutions of the
 * same targets (at other λ, along a path or a search for a target sparsity); the other methods are built on
 * that one.
 */
public interface NonnegativeLassoSolver extends java.io.Serializable {

    /**
     * Solves every target at its own λ, optionally warm-started from earlier solutions of the same targets.
     * @param dictionary {@code D}, concepts × dimension
     * @param targets the targets, each of length {@code dictionary.dimension()}
     * @param lambdas one λ &gt; 0 per target
     * @param warmStarts null, or one earlier result (or null) per target
     * @param progress told how many targets are done after each batch
     * @return one result per target, in order
     */
    List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, double[] lambdas,
                            LassoResult[] warmStarts, ProgressListener progress);

    /**
     * Solves every target against one dictionary at one λ.
     * @param dictionary {@code D}
     * @param targets the targets
     * @param lambda the l1 penalty λ &gt; 0
     * @param progress told how many targets are done after each batch
     * @return one result per target, in order
     */
    default List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, double lambda,
                                    ProgressListener progress) {
        double[] lambdas = new double[targets.length];
        Arrays.fill(lambdas, Penalty.lambda(lambda).lambda());
        return solve(dictionary, targets, lambdas, null, progress);
    }

    /**
     * Solves every target under a penalty: a fixed λ, or a target l0 searched per target with warm starts
     * ({@link TargetSparsity}).
     * @param dictionary {@code D}
     * @param targets the targets
     * @param penalty the penalty
     * @param progress told how many targets are done (settled, for a target l0)
     * @return one result per target, in order; each records the λ it was solved at
     */
    default List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, Penalty penalty,
                                    ProgressListener progress) {
        if (penalty instanceof Penalty.TargetL0 t) {
            return TargetSparsity.solveForL0(this, dictionary, targets, t.concepts(), progress);
        }
        return solve(dictionary, targets, ((Penalty.FixedLambda) penalty).lambda(), progress);
    }

    /**
     * Solves every target against one dictionary, without progress reports.
     * @param dictionary {@code D}
     * @param targets the targets
     * @param lambda λ &gt; 0
     * @return one result per target
     */
    default List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, double lambda) {
        return solve(dictionary, targets, lambda, ProgressListener.NONE);
    }

    /**
     * Solves one target.
     * @param dictionary {@code D}
     * @param target the target
     * @param lambda λ &gt; 0
     * @return its result
     */
    default LassoResult solve(DictionaryMatrix dictionary, double[] target, double lambda) {
        return solve(dictionary, new double[][] {target}, lambda).get(0);
    }

    /**
     * Says that about {@code targets} targets are about to be solved, so that the solver can get ready for them
     * before the caller reads its inputs: {@link WorkingSetLassoSolver} warms its Vector API kernels up now for more
     * than a JVM's first few targets (which it solves with scalar kernels that need no warm-up). Optional, and
     * without effect on any result; by default it does nothing.
     * @param targets how many targets are expected
     */
    default void prepare(long targets) {
    }

    /** @return a short description of the solver and its settings, for provenance and reports */
    String describe();
}
