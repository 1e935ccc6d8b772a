package io.github.splice4j.cli;

import io.github.splice4j.solver.WorkingSetLassoSolver;
import picocli.CommandLine.Option;

/** Solver settings shared by the commands. */
final class SolverOptions {
    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to stop at (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--batch", defaultValue = "256", description = "Embeddings per matrix product (default ${DEFAULT-VALUE}).")
    int batch;

    WorkingSetLassoSolver build() {
        WorkingSetLassoSolver.Builder b = WorkingSetLassoSolver.builder().tolerance(tolerance).batchSize(batch);
        if (threads != null) {
            b.threads(threads);
        }
        return b.build();
    }
}
