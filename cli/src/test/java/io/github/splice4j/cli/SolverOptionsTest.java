package io.github.splice4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The solver for a job streamed in chunks: the Gram matrix off for short jobs unless a budget was given. */
class SolverOptionsTest {

    private static SolverOptions cpu(Long gramBudgetMb) {
        SolverOptions o = new SolverOptions();
        o.solver = "cpu";
        o.dtype = "float64";
        o.tolerance = 1e-6;
        o.gramBudgetMb = gramBudgetMb;
        return o;
    }

    @Test
    void aJobOfFewerThanTwelveEmbeddingsPerConceptLeavesTheGramMatrixOff() {
        assertTrue(cpu(null).build(12L * 300 - 1, 300).describe().contains("gramBudget=0,"));
        assertTrue(cpu(null).build(12L * 300, 300).describe()
                .contains("gramBudget=" + io.github.splice4j.solver.WorkingSetLassoSolver.DEFAULT_GRAM_BUDGET + ","));
        // a budget given on the command line is kept whatever the job's size
        assertTrue(cpu(16L).build(10, 300).describe().contains("gramBudget=" + (16L << 20) + ","));
    }
}
