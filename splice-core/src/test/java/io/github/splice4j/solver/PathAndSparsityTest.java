package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathAndSparsityTest {
    static TestProblems problem;

    @BeforeAll
    static void setUp() {
        problem = TestProblems.clipLike(2000, 40, 0.8, 17);
    }

    @Test
    void pathResultsEqualIndependentSolvesAtEachLambda() {
        double[] grid = {0.05, 0.4, 0.1, 0.25, 0.15};
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        SolutionPath path = SolutionPath.compute(solver, problem.dictionary, problem.targets, grid, ProgressListener.NONE);
        assertArrayEquals(new double[] {0.4, 0.25, 0.15, 0.1, 0.05}, path.lambdas(), 0.0);
        double previousL0 = -1;
        for (int k = 0; k < grid.length; k++) {
            double lambda = path.lambdas()[k];
            List<LassoResult> independent = solver.solve(problem.dictionary, problem.targets, lambda);
            for (int i = 0; i < problem.targets.length; i++) {
                LassoResult p = path.results(k).get(i);
                LassoResult q = independent.get(i);
                assertEquals(lambda, p.lambda());
                assertTrue(p.relativeGap() <= 1e-6);
                assertEquals(q.objective(), p.objective(), 1e-6 * q.objective());
                assertEquals(q.l0(), p.l0(), "row " + i + " at λ " + lambda);
                DualityGap.Certificate cert = DualityGap.certify(problem.dictionary, problem.targets[i], p);
                assertTrue(cert.relativeGap() <= 1e-6);
            }
            assertTrue(path.meanL0(k) >= previousL0, "l0 grows as λ falls");
            previousL0 = path.meanL0(k);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 25, 60})
    void l0TargetsAreMet(int k) {
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        List<LassoResult> results = TargetSparsity.solveForL0(solver, problem.dictionary, problem.targets, k,
                ProgressListener.NONE);
        int exact = 0;
        for (int i = 0; i < results.size(); i++) {
            LassoResult r = results.get(i);
            exact += r.l0() == k ? 1 : 0;
            assertTrue(Math.abs(r.l0() - k) <= 2, "row " + i + ": l0 " + r.l0() + " for target " + k);
            assertTrue(r.lambda() > 0 && r.lambda() < r.lambdaMax());
            assertTrue(r.relativeGap() <= 1e-6);
            // the reported λ reproduces the solution on its own
            LassoResult again = solver.solve(problem.dictionary, problem.targets[i], r.lambda());
            assertEquals(r.l0(), again.l0());
            assertEquals(again.objective(), r.objective(), 1e-6 * again.objective());
        }
        assertTrue(exact >= 0.9 * results.size(), exact + " of " + results.size() + " exactly at l0 = " + k);
    }
}
