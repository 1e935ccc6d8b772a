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

    @Option(names = "--gram-budget-mb", description = "Most MiB the cpu solver's Gram matrix of the dictionary (2·c² bytes) "
            + "may take; 0: never (default: 256, and off for a file of fewer than 12 embeddings per concept). It is made after 4 "
            + "embeddings per concept have been solved, at the start of a later chunk, or between batches while at least 8 "
            + "per concept remain. Results do not depend on it.")
    Long gramBudgetMb;

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
                return Djl.build(device, dtype, tolerance, batch);
            default:
                throw new SpliceInputException("--solver: cpu or djl, got '" + solver + "'");
        }
    }

    /** The exact CPU solver. */
    WorkingSetLassoSolver cpu() {
        if (gramBudgetMb != null && (gramBudgetMb < 0 || gramBudgetMb > Long.MAX_VALUE >> 20)) {
            throw new SpliceInputException("--gram-budget-mb: must be ≥ 0, got " + gramBudgetMb);
        }
        return cpu(gramBudgetMb == null ? null : gramBudgetMb << 20);
    }

    /** The exact CPU solver with a Gram budget in bytes (null: the default). */
    private WorkingSetLassoSolver cpu(Long gramBudget) {
        WorkingSetLassoSolver.Builder b = WorkingSetLassoSolver.builder().tolerance(tolerance);
        if (threads != null) {
            b.threads(threads);
        }
        if (batch != null) {
            b.batchSize(batch);
        }
        if (gramBudget != null) {
            b.gramBudget(gramBudget);
        }
        return b.build();
    }

    /**
     * The solver for a job of {@code targets} embeddings solved in chunks against {@code concepts} concepts: unless
     * {@code --gram-budget-mb} was given, the cpu solver without its Gram matrix when the job is too short for the
     * matrix to pay (it is made after 4 embeddings per concept and costs about as much as the next 5 to 6 per concept
     * save, build and recompilation together; docs/PERFORMANCE.md), so it is kept for jobs of at least 12 per concept.
     */
    NonnegativeLassoSolver forJob(NonnegativeLassoSolver solver, long targets, int concepts) {
        if (solver instanceof WorkingSetLassoSolver && gramBudgetMb == null && targets < 12L * concepts) {
            return cpu(0L);
        }
        return solver;
    }

    /** {@link #build()} for a job of {@code targets} embeddings solved in chunks ({@link #forJob}). */
    NonnegativeLassoSolver build(long targets, int concepts) {
        return forJob(build(), targets, concepts);
    }

    /**
     * The DJL solver's options. No method of {@link SolverOptions} itself names a DJL type: picocli reflects over a
     * mixin's methods, which loads the types they name, and finding DJL's jar opens the jars before it on the class
     * path in every run of every command that takes these options.
     */
    private static final class Djl {
        private Djl() {
        }

        static NonnegativeLassoSolver build(String device, String dtype, double tolerance, Integer batch) {
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
        }

        private static Device parseDevice(String name) {
            try {
                return name.equals("gpu") ? Device.gpu() : Device.fromName(name);
            } catch (RuntimeException e) {
                throw new SpliceInputException("--device: unknown device '" + name + "' (cpu, gpu, gpu0, …)", e);
            }
        }
    }
}
