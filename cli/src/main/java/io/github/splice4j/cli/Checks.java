package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.solver.Penalty;

/** Argument checks shared by the commands, each naming the argument at fault. */
final class Checks {
    private Checks() {
    }

    /** Checks a λ given by an option (the check itself is {@link Penalty#lambda}'s). */
    static void lambda(String option, double lambda) {
        ParameterFlags.as(option, () -> Penalty.lambda(lambda));
    }

    /** A positive, finite number (C, noise scales). */
    static void positiveFinite(String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new SpliceInputException(option + ": must be a positive finite number, got " + value);
        }
    }

    /** A probability strictly between 0 and 1 (a significance level). */
    static void openProbability(String option, double value) {
        if (!(value > 0 && value < 1)) {
            throw new SpliceInputException(option + ": must be in (0, 1), got " + value);
        }
    }

    /** A share or effect size in [0, 1]. */
    static void unitInterval(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new SpliceInputException(option + ": must be in [0, 1], got " + value);
        }
    }

    /** A count that may be zero. */
    static void nonNegative(String option, int value) {
        if (value < 0) {
            throw new SpliceInputException(option + ": must be ≥ 0, got " + value);
        }
    }

    static void positive(String option, int value) {
        if (value < 1) {
            throw new SpliceInputException(option + ": must be ≥ 1, got " + value);
        }
    }

    static void embeddingsMatch(NpyReader reader, int dimension) {
        if (reader.header().shape().length != 2) {
            throw new SpliceInputException(reader.source() + ": embeddings must be a 2-D array (n × dim)");
        }
        if (reader.rows() == 0) {
            throw new SpliceInputException(reader.source() + ": no embeddings (0 rows)");
        }
        if (reader.cols() != dimension) {
            throw new SpliceInputException(reader.source() + ": embeddings have dimension " + reader.cols()
                    + ", the dictionary has dimension " + dimension);
        }
    }
}
