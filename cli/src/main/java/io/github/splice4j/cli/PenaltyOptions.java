package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.solver.Penalty;
import picocli.CommandLine.Option;

/** Either a fixed λ ({@code --l1}) or a target number of concepts per embedding ({@code --l0}). */
final class PenaltyOptions {
    @Option(names = "--l1", description = "The l1 penalty λ > 0 (the paper uses 0.25).")
    Double lambda;

    @Option(names = "--l0", description = "Instead of --l1: find, per embedding, the λ that gives this many concepts.")
    Integer l0;

    /**
     * The penalty asked for: checks that exactly one option was given, or applies the default λ when neither
     * was and one is allowed.
     * @param defaultLambda the λ when neither option is given, or null when one is required
     * @return the penalty
     */
    Penalty penalty(Double defaultLambda) {
        if (lambda != null && l0 != null) {
            throw new SpliceInputException("--l1 and --l0: give one of them, not both");
        }
        if (lambda == null && l0 == null) {
            if (defaultLambda == null) {
                throw new SpliceInputException("--l1 or --l0: one is required");
            }
            lambda = defaultLambda;
        }
        return lambda != null ? ParameterFlags.as("--l1", () -> Penalty.lambda(lambda))
                : ParameterFlags.as("--l0", () -> Penalty.targetL0(l0));
    }

    /**
     * @param penalty a penalty
     * @return how reports show it: λ as a number, or {@code l0=k}
     */
    static Object reported(Penalty penalty) {
        return penalty instanceof Penalty.FixedLambda f ? (Object) f.lambda() : penalty.describe();
    }
}
