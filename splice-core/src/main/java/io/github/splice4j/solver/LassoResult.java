package io.github.splice4j.solver;

import java.util.Arrays;

/**
 * The solution of one nonnegative LASSO problem, with its certificate: the sparse weights (concept
 * indices in ascending order and their strictly positive weights), the objective
 * {@code ||Dᵀw − z||² + λ||w||₁} and the duality gap, an upper bound on how far the objective is from
 * the optimum.
 */
public final class LassoResult {
    private final int[] indices;
    private final double[] weights;
    private final double objective;
    private final double dualityGap;
    private final double lambda;
    private final double lambdaMax;
    private final int rounds;
    private final boolean converged;

    /**
     * @param indices concept indices of the non-zero weights, ascending
     * @param weights the weights, all &gt; 0
     * @param objective the primal objective
     * @param dualityGap the duality gap (≥ 0)
     * @param lambda the l1 penalty
     * @param lambdaMax the smallest penalty at which the solution is zero, {@code 2 max_i ⟨D_i, z⟩}
     * @param rounds working-set rounds used
     * @param converged whether the requested relative gap was reached
     */
    public LassoResult(int[] indices, double[] weights, double objective, double dualityGap, double lambda,
                       double lambdaMax, int rounds, boolean converged) {
        if (indices.length != weights.length) {
            throw new IllegalArgumentException("indices and weights differ in length");
        }
        this.indices = indices.clone();
        this.weights = weights.clone();
        this.objective = objective;
        this.dualityGap = dualityGap;
        this.lambda = lambda;
        this.lambdaMax = lambdaMax;
        this.rounds = rounds;
        this.converged = converged;
    }

    /** @return the concept indices of the non-zero weights, ascending (a copy) */
    public int[] indices() {
        return indices.clone();
    }

    /** @return the non-zero weights, in the order of {@link #indices()} (a copy) */
    public double[] weights() {
        return weights.clone();
    }

    /** @return the number of non-zero weights */
    public int l0() {
        return indices.length;
    }

    /** @return the sum of the weights, {@code ||w||₁} */
    public double l1Norm() {
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    /**
     * @param concept a concept index
     * @return its weight (0 when not in the support)
     */
    public double weight(int concept) {
        int p = Arrays.binarySearch(indices, concept);
        return p >= 0 ? weights[p] : 0.0;
    }

    /**
     * @param concepts the dictionary size
     * @return the dense weight vector
     */
    public double[] toDense(int concepts) {
        double[] out = new double[concepts];
        for (int p = 0; p < indices.length; p++) {
            out[indices[p]] = weights[p];
        }
        return out;
    }

    /** @return the primal objective {@code ||Dᵀw − z||² + λ||w||₁} */
    public double objective() {
        return objective;
    }

    /** @return the duality gap: the objective exceeds the optimum by at most this much */
    public double dualityGap() {
        return dualityGap;
    }

    /** @return the duality gap relative to the objective (0 when the objective is 0) */
    public double relativeGap() {
        return objective > 0 ? dualityGap / objective : 0.0;
    }

    /** @return the l1 penalty λ */
    public double lambda() {
        return lambda;
    }

    /** @return {@code λ_max = 2 max_i ⟨D_i, z⟩}: at or above it the solution is zero */
    public double lambdaMax() {
        return lambdaMax;
    }

    /** @return working-set rounds used (0 when λ ≥ λ_max) */
    public int rounds() {
        return rounds;
    }

    /** @return whether the requested relative duality gap was reached */
    public boolean converged() {
        return converged;
    }

    @Override
    public String toString() {
        return "LassoResult{l0=" + l0() + ", objective=" + objective + ", gap=" + dualityGap
                + ", lambda=" + lambda + ", rounds=" + rounds + ", converged=" + converged + '}';
    }
}
