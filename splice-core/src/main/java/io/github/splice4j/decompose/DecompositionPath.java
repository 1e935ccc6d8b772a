package io.github.splice4j.decompose;

import java.util.List;

/**
 * Decompositions of the same embeddings at each λ of a grid ({@link Decomposer#path}), λ descending.
 * Immutable.
 */
public final class DecompositionPath {
    private final double[] lambdas;
    private final List<List<Decomposition>> decompositions;

    DecompositionPath(double[] lambdas, List<List<Decomposition>> decompositions) {
        this.lambdas = lambdas.clone();
        this.decompositions = decompositions.stream().map(List::copyOf).toList();
    }

    /** @return the λ values, descending (a copy) */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** @return the number of λ values */
    public int size() {
        return lambdas.length;
    }

    /**
     * @param k index into {@link #lambdas()}
     * @return the decompositions at that λ, one per embedding, in order
     */
    public List<Decomposition> decompositions(int k) {
        return decompositions.get(k);
    }
}
