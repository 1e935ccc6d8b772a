package io.github.splice4j.cli;

import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.eval.BiasEvaluation;
import io.github.splice4j.eval.EvalDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code splice eval}: group metrics, spurious-concept discovery and removal, as JSON and an HTML report. */
@Command(name = "eval", aliases = "report", mixinStandardHelpOptions = true,
        description = {"Bias evaluation: an L1 concept probe fitted on the train split; per-group, worst-group, average and",
                "train-weighted accuracy on the test split with bootstrap intervals; spurious concepts discovered on the",
                "train split; accuracy again after --remove / --remove-discovered N. Writes DIR/report.json and",
                "DIR/index.html (self-contained, with SVG plots) and DIR/groups.svg."},
        subcommands = {EvalCommand.Waterbirds.class, EvalCommand.CelebA.class, EvalCommand.Table.class})
final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options every dataset shares. */
    static final class Common {
        @Mixin
        DecompositionInputs inputs;

        @Option(names = "--embedding-names", description = "A file naming each embedding row's image (e.g. X.npy.txt from "
                + "'splice embed'), to join by image rather than by row order.")
        Path embeddingNames;

        @Option(names = "--remove", split = ",", description = "Concepts to remove from the probe, comma-separated.")
        List<String> remove = new ArrayList<>();

        @Option(names = "--remove-discovered", defaultValue = "0", description = "Also remove the top N discovered concepts.")
        int removeDiscovered;

        @Option(names = "--C", defaultValue = "1", description = "C of the L1 probe (default ${DEFAULT-VALUE}).")
        double c;

        @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
        int bootstrap;

        @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Option(names = "--min-effect", defaultValue = "0.2", description = "Discovery: least |rank-biserial effect| to flag "
                + "(default ${DEFAULT-VALUE}).")
        double minEffect;

        @Option(names = "--alpha", defaultValue = "0.001", description = "Discovery: largest combined p-value to flag "
                + "(default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--prevalence", split = ",", description = "Concepts whose prevalence by class and split to plot "
                + "(besides the removed and discovered ones), e.g. bamboo.")
        List<String> watch = new ArrayList<>();

        @Option(names = "--sweep-grid", split = ",", description = "A λ grid for a sparsity–accuracy sweep in the report.")
        double[] sweepGrid = new double[0];

        @Option(names = "--min-prevalence", defaultValue = "0.02", description = "Discovery: least share of train rows a "
                + "concept must appear in (default ${DEFAULT-VALUE}).")
        double minPrevalence;

        void run(String title, java.util.function.IntFunction<EvalDatasets.Loaded> load) {
            Checks.nonNegative("--remove-discovered", removeDiscovered);
            Checks.nonNegative("--bootstrap", bootstrap);
            Checks.positiveFinite("--C", c);
            Checks.openProbability("--alpha", alpha);
            Checks.unitInterval("--min-effect", minEffect);
            Checks.unitInterval("--min-prevalence", minPrevalence);
            for (double l : sweepGrid) {
                Checks.lambda("--sweep-grid", l);
            }
            try (OutputTransaction tx = new OutputTransaction()) {
                Path dir = tx.directory(out, "--out");
                evaluate(title, load, dir);
                tx.commit();
                System.err.println("wrote " + out.resolve("report.json") + " and " + out.resolve("index.html"));
            }
        }

        private void evaluate(String title, java.util.function.IntFunction<EvalDatasets.Loaded> load, Path dir) {
            try (DecompositionInputs.Loaded in = inputs.load(sweepGrid.length > 0
                    ? new DecompositionInputs.Needs(true, true) : DecompositionInputs.Needs.DECOMPOSITIONS)) {
                EvalDatasets.Loaded data = load.apply(in.rows());
                List<Decomposition> ds = Arrays.stream(data.embeddingRows()).mapToObj(in.decompositions()::get).toList();
                BiasEvaluation.Settings s = new BiasEvaluation.Settings(c, remove, removeDiscovered, bootstrap, 0.95, seed,
                        minPrevalence, minEffect, alpha, watch, sweepGrid);
                double[][] x = in.embeddings() == null ? null
                        : Arrays.stream(data.embeddingRows()).mapToObj(i -> in.embeddings()[i]).toArray(double[][]::new);
                BiasEvaluation.Result r = BiasEvaluation.run(in.decomposer(), x, ds, data.table(), data.spurious(), s);
                String description = String.format(java.util.Locale.ROOT, "%s; target %s; %d rows; %s; probe C = %s.",
                        data.table().file(), data.table().target(), data.table().size(), in.decomposer().penalty().describe(), c);
                Map<String, Object> report = BiasEvaluation.toMap(r, title, description);
                try (OutputFile json = new OutputFile(dir.resolve("report.json"), "--out");
                     OutputFile html = new OutputFile(dir.resolve("index.html"), "--out");
                     OutputFile svg = new OutputFile(dir.resolve("groups.svg"), "--out")) {
                    json.writer().println(Json.line(report));
                    html.writer().print(BiasEvaluation.html(r, title, description));
                    svg.writer().print(BiasEvaluation.groupChart(r));
                    json.commit();
                    html.commit();
                    svg.commit();
                }
                System.out.printf(java.util.Locale.ROOT, "worst-group accuracy %.4f%s; average %.4f%s; removed %s%n",
                        r.before().worstGroup().value(), r.after() == null ? ""
                                : String.format(java.util.Locale.ROOT, " -> %.4f", r.after().worstGroup().value()),
                        r.before().average().value(), r.after() == null ? ""
                                : String.format(java.util.Locale.ROOT, " -> %.4f", r.after().average().value()), r.removed());
            }
        }

        /**
         * The embeddings' names: --embedding-names, or else the names file {@code splice embed} writes beside the
         * embeddings ({@code X.npy.txt}), so that rows are joined by name whenever names exist.
         */
        List<String> names() {
            Path file = embeddingNames;
            if (file == null && inputs.embeddings != null) {
                Path beside = Path.of(inputs.embeddings + ".txt");
                if (java.nio.file.Files.isRegularFile(beside)) {
                    System.err.println("joining by image name, with the names in " + beside);
                    file = beside;
                }
            }
            return file == null ? null : TextFiles.nonBlankLines(file, "--embedding-names");
        }
    }

    /** {@code splice eval waterbirds}. */
    @Command(name = "waterbirds", mixinStandardHelpOptions = true,
            description = "Waterbirds: metadata.csv (y, split, place); groups y × place; spurious attribute place.")
    static final class Waterbirds implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--metadata", required = true, description = "Waterbirds metadata.csv.")
        Path metadata;

        @Override
        public void run() {
            common.run("Waterbirds bias evaluation", n -> EvalDatasets.waterbirds(metadata, common.names(), n));
        }
    }

    /** {@code splice eval celeba}. */
    @Command(name = "celeba", mixinStandardHelpOptions = true,
            description = "CelebA: list_attr_celeba.txt + list_eval_partition.txt; groups target × group attribute.")
    static final class CelebA implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--attrs", required = true, description = "list_attr_celeba.txt.")
        Path attrs;

        @Option(names = "--partition", required = true, description = "list_eval_partition.txt.")
        Path partition;

        @Option(names = "--target", defaultValue = "Blond_Hair", description = "Target attribute (default ${DEFAULT-VALUE}, WILDS).")
        String target;

        @Option(names = "--group", defaultValue = "Male", description = "Group attribute (default ${DEFAULT-VALUE}).")
        String group;

        @Override
        public void run() {
            common.run("CelebA bias evaluation", n -> EvalDatasets.celeba(attrs, partition, target, group, common.names(), n));
        }
    }

    /** {@code splice eval table}. */
    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "Any labelled embedding table: a labels CSV (with a split column) and a spurious-attribute column.")
    static final class Table implements Runnable {
        @Mixin
        Common common;

        @Option(names = "--labels", required = true, description = "Labels CSV with a header and a split column.")
        Path labels;

        @Option(names = "--target", required = true, description = "The label column.")
        String target;

        @Option(names = "--group", required = true, description = "The spurious-attribute column (groups: target × it).")
        String group;

        @Option(names = "--id-column", description = "A column of image ids to join with --embedding-names.")
        String idColumn;

        @Override
        public void run() {
            common.run("Bias evaluation", n -> EvalDatasets.table(labels, target, group, idColumn, common.names(), n));
        }
    }
}
