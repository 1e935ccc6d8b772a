package io.github.splice4j.cli;

import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.SparsitySweep;
import io.github.splice4j.probes.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code splice sweep}: probe accuracy against sparsity over a λ grid, next to the dense probe. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"The sparsity–accuracy sweep (the paper's Tables 3/4): L1 probes on decompositions at each λ of --grid",
                "(one warm-started path), test accuracy against mean l0, next to a dense L2 probe. Writes DIR/sweep.json,",
                "DIR/sweep.md and DIR/sweep.svg."})
final class SweepCommand implements Runnable {
    @Mixin
    DecompositionInputs inputs;

    @Mixin
    LabelOptions labelOptions;

    @Option(names = "--grid", defaultValue = "0.5,0.35,0.25,0.15,0.1,0.05", split = ",",
            description = "The λ grid (default ${DEFAULT-VALUE}).")
    double[] grid;

    @Option(names = "--C", defaultValue = "1", description = "C of the probes (default ${DEFAULT-VALUE}).")
    double c;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public void run() {
        Checks.positiveFinite("--C", c);
        for (double l : grid) {
            Checks.lambda("--grid", l);
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            Path dir = tx.directory(out, "--out");
            sweep(dir);
            tx.commit();
        }
    }

    private void sweep(Path dir) {
        try (DecompositionInputs.Loaded in = inputs.load(new DecompositionInputs.Needs(true, true))) {
            LabelTable t = labelOptions.table(labelOptions.targets.get(0), in.rows(), inputs.embeddings);
            int[] fit = t.rows(Split.TRAIN);
            int[] score = t.rows(Split.TEST);
            SparsitySweep.Result r = SparsitySweep.run(in.decomposer(),
                    Reports.select(in.embeddings(), fit), t.labels(fit), Reports.select(in.embeddings(), score),
                    t.labels(score), grid, c, new StderrProgress("sweep"));
            try (OutputFile svg = new OutputFile(dir.resolve("sweep.svg"), "--out")) {
                svg.writer().print(r.svg());
                svg.commit();
            }
            Map<String, Object> report = Json.object("target", t.target(), "C", c, "rows", r.rows(),
                    "dense_accuracy", r.denseAccuracy());
            Reports.write(dir.resolve("sweep.json"), report, "# Sparsity–accuracy sweep\n\nTarget `" + t.target()
                    + "`.\n\n" + r.markdown() + "\n![sweep](sweep.svg)\n");
            System.out.print(r.markdown());
        }
    }
}
