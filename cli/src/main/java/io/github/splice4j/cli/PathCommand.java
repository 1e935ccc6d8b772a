package io.github.splice4j.cli;

import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyWriter;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.SolutionPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code splice path}: solutions for a grid of λ, warm-started from the largest down. */
@Command(name = "path", mixinStandardHelpOptions = true,
        description = {"Solve the raw problem (as 'splice solve') for a grid of λ, from the largest down, each warm-started",
                "from the last. Writes DIR/W_<λ>.npy per λ and DIR/path.json; prints one JSON line per λ."})
final class PathCommand implements Runnable {
    @Option(names = "--dictionary", required = true, description = "D as .npy, concepts × dim.")
    Path dictionary;

    @Option(names = "--embeddings", required = true, description = "Z as .npy, n × dim.")
    Path embeddings;

    @Option(names = "--l1", required = true, split = ",", description = "The λ grid, comma-separated, e.g. 0.4,0.25,0.1,0.05.")
    double[] grid;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Mixin
    SolverOptions solverOptions;

    @Override
    public void run() {
        for (double lambda : grid) {
            Checks.lambda("--l1", lambda);
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            Path dir = tx.directory(out, "--out");
            solve(dir);
            tx.commit();
        }
    }

    private void solve(Path dir) {
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(dictionary), dictionary.toString());
        double[][] z;
        try (var reader = io.github.splice4j.npy.NpyReader.open(embeddings)) {
            Checks.embeddingsMatch(reader, d.dimension());
            z = reader.readAll();
        }
        long t0 = System.nanoTime();
        SolutionPath path = SolutionPath.compute(solverOptions.build(), d, z, grid, new StderrProgress("path"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Map<String, Object>> summary = new ArrayList<>();
        double[] lambdas = path.lambdas();
        for (int k = 0; k < lambdas.length; k++) {
            List<LassoResult> results = path.results(k);
            Path file = dir.resolve(String.format(Locale.ROOT, "W_%s.npy", lambdas[k]));
            try (NpyWriter w = NpyWriter.create(file, NpyDType.FLOAT32, results.size(), d.concepts())) {
                for (LassoResult r : results) {
                    w.writeRow(r.toDense(d.concepts()));
                }
                w.commit();
            }
            Map<String, Object> row = Json.object("l1", lambdas[k], "file", file.getFileName().toString(),
                    "mean_l0", path.meanL0(k),
                    "mean_objective", results.stream().mapToDouble(LassoResult::objective).average().orElse(0),
                    "max_rel_gap", results.stream().mapToDouble(LassoResult::relativeGap).max().orElse(0));
            summary.add(row);
            System.out.println(Json.line(row));
        }
        try (OutputFile json = new OutputFile(dir.resolve("path.json"), "--out")) {
            json.writer().println(Json.line(Json.object("n", z.length, "seconds", Json.round(seconds, 5), "path", summary)));
            json.commit();
        }
    }
}
