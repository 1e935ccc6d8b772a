package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;

import java.util.List;

/**
 * Solves {@code min_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0} for a batch of targets {@code z}.
 *
 * <p>This is SpLiCE's convention. The reference implementation's scikit-learn call solves the same
 * problem with {@code alpha = λ / (2·dimension)}; its ADMM uses λ as is.
 */
public interface NonnegativeLassoSolver extends java.io.Serializable {

    /**
     * Solves every target against one dictionary.
     * @param dictionary {@code D}, concepts × dimension
     * @param targets the targets, each of length {@code dictionary.dimension()}
     * @param lambda the l1 penalty λ &gt; 0
     * @param progress told how many targets are done after each batch
     * @return one result per target, in order
     */
    List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, double lambda, ProgressListener progress);

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

    /** @return a short description of the solver and its settings, for provenance and reports */
    String describe();
}
