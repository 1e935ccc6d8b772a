package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.npy.NpyWriter;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.Penalty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code splice solve}: the raw nonnegative LASSO on given arrays, no normalising or centring. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve min_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0 for every row z of the embeddings, exactly as given",
                "(or, with --l0 k, at the λ per row that gives k non-zero weights).",
                "Writes W (n × concepts, float32) and prints one JSON line: n, seconds, per_second, mean_l0, "
                        + "mean_objective, max_rel_gap."})
final class SolveCommand implements Runnable {
    @Option(names = "--dictionary", required = true, description = "D as .npy, concepts × dim (float32/float64).")
    Path dictionary;

    @Option(names = "--embeddings", required = true, description = "Z as .npy, n × dim.")
    Path embeddings;

    @Mixin
    PenaltyOptions penalty;

    @Option(names = "--lambda-out", description = "Write the λ used for each embedding (n × 1, float64) to this .npy file.")
    Path lambdaOut;

    @Option(names = "--out", required = true, description = "Output W: W.npz for a SciPy CSR matrix (sparse: what large "
            + "jobs want), DIR.parquet for Parquet (one row per embedding, through Spark on local[*]), else a dense "
            + "float32 W.npy (n × concepts).")
    Path out;

    @Option(names = "--chunk", defaultValue = "4096", description = "Rows read and solved at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin
    SolverOptions solverOptions;

    @Override
    public void run() {
        Penalty chosen = penalty.penalty(null);
        Checks.positive("--chunk", chunk);
        NonnegativeLassoSolver solver = solverOptions.build();
        if (SparkCommand.parquet(out)) {
            // Parquet (file, row, indices, weights, l0, objective, relative_gap): the Spark job, on local[*]
            if (lambdaOut != null) {
                throw new SpliceInputException("--lambda-out: not with a Parquet --out (the λ of each row is not a column)");
            }
            if (java.nio.file.Files.exists(out)) {
                throw new SpliceInputException("--out: " + out + " exists");
            }
            SparkCommand.solveToParquet(DictionaryMatrix.of(Npy.readMatrix(dictionary), dictionary.toString()),
                    dictionary.toString(), chosen, solverOptions.tolerance, embeddings, chunk, out);
            return;
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            Path weightsFile = tx.file(out, "--out");
            Path lambdaFile = lambdaOut == null ? null : tx.file(lambdaOut, "--lambda-out");
            solve(solver, chosen, weightsFile, lambdaFile, tx);
        }
    }

    private void solve(NonnegativeLassoSolver solver, Penalty chosen, Path weightsFile, Path lambdaFile,
                       OutputTransaction tx) {
        try (NpyReader reader = NpyReader.open(embeddings)) {
            // a large job's kernels are warmed up before the dictionary is read, a small one's never
            solver.prepare(reader.rows());
            DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(dictionary), dictionary.toString());
            Checks.embeddingsMatch(reader, d.dimension());
            solver = solverOptions.forJob(solver, reader.rows(), d.concepts());
            StderrProgress progress = new StderrProgress("solve");
            double seconds = 0;
            long n = 0;
            double l0 = 0;
            double objective = 0;
            double maxGap = 0;
            double lambdaSum = 0;
            try (WeightsFile writer = WeightsFile.open(out, weightsFile, reader.rows(), d.concepts());
                 NpyWriter lambdas = lambdaFile == null ? null
                         : NpyWriter.create(lambdaFile, NpyDType.FLOAT64, reader.rows(), 1)) {
                while (reader.remaining() > 0) {
                    double[][] rows = reader.readRows(chunk);
                    long base = n;
                    long t0 = System.nanoTime();
                    List<LassoResult> results;
                    try {
                        ProgressListener p = (done, total) -> progress.progress(base + done, reader.rows());
                        results = solver.solve(d, rows, chosen, p);
                    } catch (SpliceInputException e) {
                        if (!"targets".equals(e.parameter())) {
                            throw e;
                        }
                        throw new SpliceInputException(embeddings + ": " + e.reason() + " (chunk at row " + base + ")", e);
                    }
                    seconds += (System.nanoTime() - t0) / 1e9;
                    for (LassoResult r : results) {
                        writer.write(r);
                        if (lambdas != null) {
                            lambdas.writeRow(new double[] {r.lambda()});
                        }
                        lambdaSum += r.lambda();
                        l0 += r.l0();
                        objective += r.objective();
                        maxGap = Math.max(maxGap, r.relativeGap());
                    }
                    n += rows.length;
                }
                writer.commit();
                if (lambdas != null) {
                    lambdas.commit();
                }
            }
            tx.commit();
            System.out.println(Json.line(Json.object(
                    "n", n,
                    "seconds", Json.round(seconds, 6),
                    "per_second", Json.round(n / seconds, 6),
                    "mean_l0", l0 / n,
                    "mean_objective", objective / n,
                    "max_rel_gap", maxGap,
                    "mean_lambda", lambdaSum / n,
                    "solver", solver.describe())));
        }
    }
}
