package io.github.splice4j.solver;

import io.github.splice4j.SpliceInputException;

import java.io.Serializable;

/**
 * How sparse a decomposition is asked to be: a fixed l1 penalty λ ({@link #lambda(double)}), or a target
 * number of non-zero concepts per embedding ({@link #targetL0(int)}), for which λ is searched per embedding.
 * Immutable; the factories are the one place where these arguments are checked.
 */
public sealed interface Penalty extends Serializable permits Penalty.FixedLambda, Penalty.TargetL0 {

    /**
     * @param lambda λ &gt; 0, finite (the paper uses 0.25)
     * @return a fixed penalty
     * @throws SpliceInputException (parameter {@code lambda}) unless λ is positive and finite
     */
    static FixedLambda lambda(double lambda) {
        return new FixedLambda(lambda);
    }

    /**
     * @param concepts the number of concepts wanted per embedding (≥ 1)
     * @return a target sparsity
     * @throws SpliceInputException (parameter {@code targetL0}) if it is below 1
     */
    static TargetL0 targetL0(int concepts) {
        return new TargetL0(concepts);
    }

    /** @return a short description, e.g. {@code lambda=0.25} or {@code targetL0=10} */
    String describe();

    /**
     * A fixed l1 penalty.
     * @param lambda λ &gt; 0
     */
    record FixedLambda(double lambda) implements Penalty {
        private static final long serialVersionUID = 1L;

        /** @throws SpliceInputException (parameter {@code lambda}) unless λ is positive and finite */
        public FixedLambda {
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw SpliceInputException.forParameter("lambda", "must be a positive finite number, got " + lambda);
            }
        }

        @Override
        public String describe() {
            return "lambda=" + lambda;
        }
    }

    /**
     * A target number of non-zero concepts per embedding; λ is chosen per embedding (see
     * {@link TargetSparsity}).
     * @param concepts the number wanted (≥ 1)
     */
    record TargetL0(int concepts) implements Penalty {
        private static final long serialVersionUID = 1L;

        /** @throws SpliceInputException (parameter {@code targetL0}) if it is below 1 */
        public TargetL0 {
            if (concepts < 1) {
                throw SpliceInputException.forParameter("targetL0", "must be ≥ 1, got " + concepts);
            }
        }

        @Override
        public String describe() {
            return "targetL0=" + concepts;
        }
    }
}
