package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import picocli.CommandLine.Option;

/** Either a fixed λ ({@code --l1}) or a target number of concepts per embedding ({@code --l0}). */
final class PenaltyOptions {
    @Option(names = "--l1", description = "The l1 penalty λ > 0 (the paper uses 0.25).")
    Double lambda;

    @Option(names = "--l0", description = "Instead of --l1: find, per embedding, the λ that gives this many concepts.")
    Integer l0;

    /** Checks that exactly one was given, or applies the default λ when neither was and one is allowed. */
    void validate(Double defaultLambda) {
        if (lambda != null && l0 != null) {
            throw new SpliceInputException("--l1 and --l0: give one of them, not both");
        }
        if (lambda == null && l0 == null) {
            if (defaultLambda == null) {
                throw new SpliceInputException("--l1 or --l0: one is required");
            }
            lambda = defaultLambda;
        }
        if (lambda != null) {
            Checks.positiveLambda(lambda);
        } else if (l0 < 1) {
            throw new SpliceInputException("--l0: must be ≥ 1, got " + l0);
        }
    }
}
