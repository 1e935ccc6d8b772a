package io.github.splice4j.solver.djl;

import ai.djl.Device;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.DualityGap;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DJL solver on CPU (pytorch-native-cpu) against the core solver, on the core's parity fixtures. */
class NDArrayLassoSolverTest {

    /** The core's parity fixtures, read from its source tree (tests run in the module's directory). */
    static Path fixture(String name) {
        return Path.of("..", "splice-core", "src", "test", "resources", "io", "github", "splice4j", "parity", name);
    }

    @ParameterizedTest(name = "{0} λ={1}")
    @CsvSource({"c300, 0.25", "c300, 0.05", "c2000, 0.25", "c2000, 0.1"})
    void agreesWithTheCoreSolverWithinTheGapTolerance(String problem, double lambda) {
        Path dir = fixture(problem);
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(dir.resolve("D.npy")), "D.npy");
        double[][] z = Arrays.copyOf(Npy.readMatrix(dir.resolve("Z.npy")), 20);
        NDArrayLassoSolver djl = NDArrayLassoSolver.builder().device(Device.cpu()).batchSize(8).build();
        List<LassoResult> ours = djl.solve(d, z, lambda);
        List<LassoResult> core = WorkingSetLassoSolver.create().solve(d, z, lambda);
        for (int i = 0; i < z.length; i++) {
            LassoResult r = ours.get(i);
            assertTrue(r.converged());
            assertTrue(r.relativeGap() <= 1e-6, "gap " + r.relativeGap());
            DualityGap.Certificate cert = DualityGap.certify(d, z[i], r);
            assertTrue(cert.relativeGap() <= 1.01e-6, "independent gap " + cert.relativeGap());
            assertEquals(cert.objective(), r.objective(), 1e-12);
            double rel = (r.objective() - core.get(i).objective()) / core.get(i).objective();
            assertTrue(rel >= -1e-12 && rel <= 1e-6, "row " + i + ": relative objective difference " + rel);
            assertEquals(core.get(i).lambdaMax(), r.lambdaMax(), 1e-9);
        }
    }

    @Test
    void lambdaAboveLambdaMaxIsZeroAtTheFirstCheck() {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(fixture("c300").resolve("D.npy")), "D.npy");
        double[] z = Npy.readMatrix(fixture("c300").resolve("Z.npy"))[0];
        LassoResult core = WorkingSetLassoSolver.create().solve(d, z, 0.25);
        LassoResult r = NDArrayLassoSolver.builder().device(Device.cpu()).build().solve(d, z, core.lambdaMax() * 1.01);
        assertEquals(0, r.l0());
        assertEquals(0, r.rounds());
        assertEquals(0.0, r.dualityGap(), 1e-15);
    }

    @Test
    void deterministicOnCpu() {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(fixture("c300").resolve("D.npy")), "D.npy");
        double[][] z = Npy.readMatrix(fixture("c300").resolve("Z.npy"));
        NDArrayLassoSolver s = NDArrayLassoSolver.builder().device(Device.cpu()).batchSize(16).build();
        List<LassoResult> a = s.solve(d, z, 0.1);
        List<LassoResult> b = s.solve(d, z, 0.1);
        for (int i = 0; i < z.length; i++) {
            assertArrayEquals(a.get(i).indices(), b.get(i).indices());
            assertArrayEquals(a.get(i).weights(), b.get(i).weights(), 0.0);
        }
    }

    @Test
    void temporariesAreFreedEveryIterationOfALongRun() {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(fixture("c300").resolve("D.npy")), "D.npy");
        double[][] z = Npy.readMatrix(fixture("c300").resolve("Z.npy"));
        NDArrayLassoSolver shortRun = NDArrayLassoSolver.builder().device(Device.cpu()).maxIterations(20).build();
        shortRun.solve(d, z, 0.05);
        // a tolerance it cannot reach: runs all 3,000 iterations
        NDArrayLassoSolver longRun = NDArrayLassoSolver.builder().device(Device.cpu()).tolerance(1e-300 + 1e-30)
                .maxIterations(3000).build();
        for (int rep = 0; rep < 3; rep++) {
            List<LassoResult> out = longRun.solve(d, z, 0.05);
            assertEquals(z.length, out.size());
            assertEquals(3000, out.get(0).rounds());
        }
        assertTrue(longRun.peakLiveArrays() <= shortRun.peakLiveArrays() + 2,
                "live arrays grew: " + shortRun.peakLiveArrays() + " after 20 iterations, " + longRun.peakLiveArrays()
                        + " after 3,000");
    }

    @Test
    void badInputIsNamed() {
        DictionaryMatrix d = DictionaryMatrix.of(new double[][] {{1, 0}, {0, 1}}, "tiny");
        NDArrayLassoSolver s = NDArrayLassoSolver.builder().device(Device.cpu()).build();
        assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(d, new double[] {1, 2}, 0))
                .parameter().equals("lambda"));
        assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(d, new double[] {1, 2, 3}, 0.1))
                .getMessage().contains("dimension"));
        assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(d, new double[] {1, Double.NaN}, 0.1))
                .getMessage().contains("column 1"));
    }

    @Test
    void perRowLambdasAndWarmStartsAgreeWithTheCoreSolver() {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(fixture("c300").resolve("D.npy")), "D.npy");
        double[][] z = Arrays.copyOf(Npy.readMatrix(fixture("c300").resolve("Z.npy")), 12);
        double[] lambdas = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            lambdas[i] = 0.05 + 0.03 * i;
        }
        NDArrayLassoSolver djl = NDArrayLassoSolver.builder().device(Device.cpu()).batchSize(5).build();
        LassoResult[] warm = djl.solve(d, z, 0.6).toArray(new LassoResult[0]);
        List<LassoResult> cold = djl.solve(d, z, lambdas, null, ProgressListener.NONE);
        List<LassoResult> warmed = djl.solve(d, z, lambdas, warm, ProgressListener.NONE);
        List<LassoResult> core = WorkingSetLassoSolver.create().solve(d, z, lambdas, null, ProgressListener.NONE);
        for (int i = 0; i < z.length; i++) {
            for (LassoResult r : List.of(cold.get(i), warmed.get(i))) {
                assertEquals(lambdas[i], r.lambda(), 0.0);
                assertEquals(core.get(i).lambdaMax(), r.lambdaMax(), 1e-9);
                DualityGap.Certificate cert = DualityGap.certify(d, z[i], r);
                assertTrue(cert.relativeGap() <= 1.01e-6, "row " + i + ": independent gap " + cert.relativeGap());
                double rel = (r.objective() - core.get(i).objective()) / core.get(i).objective();
                assertTrue(rel >= -1e-12 && rel <= 1e-6, "row " + i + ": relative objective difference " + rel);
            }
        }
    }

    @Test
    void targetSparsityRunsOnTheDjlSolver() {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(fixture("c300").resolve("D.npy")), "D.npy");
        double[][] z = Arrays.copyOf(Npy.readMatrix(fixture("c300").resolve("Z.npy")), 6);
        NDArrayLassoSolver djl = NDArrayLassoSolver.builder().device(Device.cpu()).build();
        List<LassoResult> ours = djl.solve(d, z, Penalty.targetL0(5), ProgressListener.NONE);
        List<LassoResult> core = WorkingSetLassoSolver.create().solve(d, z, Penalty.targetL0(5), ProgressListener.NONE);
        for (int i = 0; i < z.length; i++) {
            assertEquals(core.get(i).l0(), ours.get(i).l0(), "row " + i);
            assertTrue(DualityGap.certify(d, z[i], ours.get(i)).relativeGap() <= 1.01e-6);
        }
    }
}
