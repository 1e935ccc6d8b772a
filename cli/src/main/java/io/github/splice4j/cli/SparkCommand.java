package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.spark.ConceptDecomposition;
import io.github.splice4j.spark.ShardDecompositionJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code splice spark}: decomposition on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true, description = "SpLiCE on Apache Spark.",
        subcommands = SparkCommand.Decompose.class)
final class SparkCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code splice spark decompose}. */
    @Command(name = "decompose", mixinStandardHelpOptions = true,
            description = {"Decompose .npy shards (read by row ranges, any Hadoop file system) or a Parquet column into",
                    "Parquet (file, row, indices, weights, l0, objective, relative_gap; cosine with --concepts), with a",
                    "concept summary (--summary). The raw problem with --dictionary (as 'splice solve'), the pipeline",
                    "form with --concepts/--vocab/--mean (as 'splice decompose')."})
    static final class Decompose implements Runnable {
        @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default ${DEFAULT-VALUE}).")
        String master;

        @Option(names = "--dictionary", description = "D as .npy (the raw problem).")
        String dictionary;

        @Option(names = "--concepts", description = "Raw concept embeddings .npy (the pipeline form, with --vocab/--mean).")
        Path concepts;

        @Mixin
        VocabularyOptions vocabularyOptions;

        @Option(names = "--mean", defaultValue = "clip:ViT-B-32", description = "With --concepts: the centring mean (default ${DEFAULT-VALUE}).")
        String mean;

        @Option(names = "--embeddings", description = ".npy shard (repeatable; paths or hdfs:/s3a:/file: URIs).")
        List<String> embeddings = new ArrayList<>();

        @Option(names = "--parquet", description = "Instead of --embeddings: a Parquet input with a vector or array column.")
        String parquet;

        @Option(names = "--column", defaultValue = "embedding", description = "With --parquet: the embedding column (default ${DEFAULT-VALUE}).")
        String column;

        @Option(names = "--group", split = ",", description = "With --parquet: columns to keep and summarise by.")
        List<String> groups = new ArrayList<>();

        @Mixin
        PenaltyOptions penalty;

        @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to stop at (default ${DEFAULT-VALUE}).")
        double tolerance;

        @Option(names = "--batch", defaultValue = "256", description = "Embeddings per solver batch (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--rows-per-task", defaultValue = "4096", description = "Rows of a shard per task (default ${DEFAULT-VALUE}).")
        int rowsPerTask;

        @Option(names = "--out", required = true, description = "Output Parquet directory (must not exist).")
        String out;

        @Option(names = "--summary", description = "Concept-summary Parquet directory (must not exist).")
        String summary;

        @Override
        public void run() {
            Penalty chosen = penalty.penalty(0.25);
            Checks.positive("--batch", batch);
            Checks.positive("--rows-per-task", rowsPerTask);
            if ((dictionary == null) == (concepts == null)) {
                throw new SpliceInputException("--dictionary or --concepts: give exactly one");
            }
            if (embeddings.isEmpty() == (parquet == null)) {
                throw new SpliceInputException("--embeddings or --parquet: give the embeddings one way");
            }
            for (String target : summary == null ? List.of(out) : List.of(out, summary)) {
                if (!target.contains("://") && Files.exists(Path.of(target))) {
                    throw new SpliceInputException((target.equals(out) ? "--out: " : "--summary: ") + target + " exists");
                }
            }
            ConceptDecomposition stage;
            if (concepts != null) {
                ConceptVocabulary v = vocabularyOptions.load();
                ConceptDictionary d = ConceptDictionary.load(concepts, v);
                stage = ConceptDecomposition.of(d, DecompositionInputs.mean(mean, false, null));
            } else {
                stage = ConceptDecomposition.raw(DictionaryMatrix.of(Npy.readMatrix(Path.of(dictionary)), dictionary),
                        dictionary);
            }
            stage.setPenalty(chosen);
            ParameterFlags.as("--tolerance", () -> stage.setTolerance(tolerance));
            stage.setBatchSize(batch).setInputCol(column);
            SparkCommand.run(master, stage, parquet, groups, embeddings, rowsPerTask, out, summary);
        }
    }

    /**
     * Runs the job in a Spark session of this JVM (bound to 127.0.0.1, no UI, Spark's logs off) and prints one JSON
     * line; a cause that is bad input is reported as such, without Spark's wrapping.
     */
    static void run(String master, ConceptDecomposition stage, String parquet, List<String> groups, List<String> shards,
                    int rowsPerTask, String out, String summary) {
        SparkSession spark = SparkSession.builder().master(master).appName("splice")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/splice-spark-warehouse")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            ShardDecompositionJob.Result r = parquet != null
                    ? ShardDecompositionJob.runParquet(spark, stage, parquet, groups, out, summary)
                    : ShardDecompositionJob.runShards(spark, stage, shards, rowsPerTask, out, summary);
            System.out.println(Json.line(Json.object("n", r.embeddings(), "tasks", r.tasks(),
                    "seconds", Json.round(r.seconds(), 4), "per_second", Json.round(r.embeddings() / r.seconds(), 4),
                    "master", master, "cores", spark.sparkContext().defaultParallelism(), "out", out)));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SpliceInputException s) {
                    throw s;            // the cause a task met (a NaN, a bad shard), without Spark's wrapping
                }
            }
            throw e;
        } finally {
            spark.stop();
        }
    }

    /**
     * {@code splice solve --out DIR.parquet}: the raw dictionary's stage on local[*]. The Parquet outputs of {@code solve}
     * and {@code decompose} are made here so that no method of those commands names a Spark type: picocli reflects
     * over a command's methods, and loading a Spark class opens the jars before Spark's on the class path, in every run
     * ({@code CommandSignaturesTest}).
     */
    static void solveToParquet(DictionaryMatrix dictionary, String name, Penalty penalty, double tolerance,
                               Path embeddings, int chunk, Path out) {
        runLocal(ConceptDecomposition.raw(dictionary, name), penalty, tolerance, embeddings, chunk, out);
    }

    /** {@code splice decompose --out DIR.parquet}: the concept dictionary's stage (with its mean) on local[*]. */
    static void decomposeToParquet(ConceptDictionary dictionary, EmbeddingMean mean, Penalty penalty, double tolerance,
                                   Path embeddings, int chunk, Path out) {
        runLocal(ConceptDecomposition.of(dictionary, mean), penalty, tolerance, embeddings, chunk, out);
    }

    private static void runLocal(ConceptDecomposition stage, Penalty penalty, double tolerance, Path embeddings,
                                 int chunk, Path out) {
        stage.setPenalty(penalty);
        ParameterFlags.as("--tolerance", () -> stage.setTolerance(tolerance));
        run("local[*]", stage, null, List.of(), List.of(embeddings.toString()), chunk, out.toString(), null);
    }

    /** @return whether an output name asks for Parquet ({@code DIR.parquet}) */
    static boolean parquet(Path out) {
        return out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }
}
