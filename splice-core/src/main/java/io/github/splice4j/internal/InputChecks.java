package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.solver.DictionaryMatrix;

/** Checks of solver inputs shared by the solvers. Internal: not part of Splice4J's API. */
public final class InputChecks {
    private InputChecks() {
    }

    /**
     * @param dictionary the dictionary
     * @param targets solver targets
     * @throws SpliceInputException (parameter {@code targets}) naming the row and column of a wrong dimension or a
     *     non-finite value
     */
    public static void targets(DictionaryMatrix dictionary, double[][] targets) {
        int dimension = dictionary.dimension();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i].length != dimension) {
                throw SpliceInputException.forParameter("targets", "row " + i + " has dimension " + targets[i].length
                        + ", the dictionary has dimension " + dimension);
            }
            for (int j = 0; j < dimension; j++) {
                if (!Double.isFinite(targets[i][j])) {
                    throw SpliceInputException.forParameter("targets", "non-finite value at row " + i + ", column " + j);
                }
            }
        }
    }
}
