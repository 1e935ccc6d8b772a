package io.github.splice4j.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.solver.djl.NDArrayLassoSolver;
import picocli.CommandLine.Option;

/** Solver settings shared by the commands. */
final class SolverOptions {
    @Option(names = "--solver", defaultValue = "cpu",
            description = "cpu (the exact working-set solver) or djl (FISTA on DJL NDArrays, CPU or GPU) (default ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--device", description = "With --solver djl: cpu, gpu or gpuN (default: DJL's default device).")
    String device;

    @Option(names = "--dtype", defaultValue = "float64", description = "With --solver djl: float64 or float32 (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to stop at (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--threads", description = "Worker threads of the cpu solver (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--batch", description = "Embeddings per batch (default: 256; djl on a GPU: sized to its memory).")
    Integer batch;

    NonnegativeLassoSolver build() {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new SpliceInputException("--tolerance: must be in (0, 1), got " + tolerance);
        }
        switch (solver) {
            case "cpu":
                return cpu();
            case "djl":
                NDArrayLassoSolver.Builder b = NDArrayLassoSolver.builder().tolerance(tolerance);
                if (device != null) {
                    b.device(parseDevice(device));
                }
                b.dataType(switch (dtype) {
                    case "float64" -> DataType.FLOAT64;
                    case "float32" -> DataType.FLOAT32;
                    default -> throw new SpliceInputException("--dtype: float64 or float32, got '" + dtype + "'");
                });
                if (batch != null) {
                    b.batchSize(batch);
                }
                return b.build();
            default:
                throw new SpliceInputException("--solver: cpu or djl, got '" + solver + "'");
        }
    }

    /** The exact CPU solver. */
    WorkingSetLassoSolver cpu() {
        WorkingSetLassoSolver.Builder b = WorkingSetLassoSolver.builder().tolerance(tolerance);
        if (threads != null) {
            b.threads(threads);
        }
        if (batch != null) {
            b.batchSize(batch);
        }
        return b.build();
    }

    private static Device parseDevice(String name) {
        try {
            return name.equals("gpu") ? Device.gpu() : Device.fromName(name);
        } catch (RuntimeException e) {
            throw new SpliceInputException("--device: unknown device '" + name + "' (cpu, gpu, gpu0, …)", e);
        }
    }
}
