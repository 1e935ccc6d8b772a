package io.github.splice4j.spark;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;
import org.apache.spark.sql.SparkSession;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the job jar for {@code spark-submit}: arguments are {@code name=value} pairs named as the
 * library's parameters (the {@code splice spark decompose} command of the CLI takes options instead):
 * <pre>
 * spark-submit --class io.github.splice4j.spark.SpliceSparkMain splice-spark-job.jar \
 *     dictionary=D.npy shards=hdfs:///emb/a.npy,hdfs:///emb/b.npy lambda=0.25 out=hdfs:///out/w.parquet
 * spark-submit ... concepts=C.npy vocabulary=laion size=10000 mean=clip:ViT-B-32 shards=... out=...
 * </pre>
 * Also {@code parquet=PATH column=embedding groups=split}, {@code targetL0=k}, {@code tolerance},
 * {@code batchSize}, {@code rowsPerTask}, {@code summary=PATH}. The dictionary (and concepts) files are read on the
 * driver from the local file system or any Hadoop file system.
 */
public final class SpliceSparkMain {
    private SpliceSparkMain() {
    }

    /**
     * @param args {@code name=value} pairs
     */
    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw SpliceInputException.forParameter(arg, "expected name=value");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        SparkSession spark = SparkSession.builder().appName("splice4j").getOrCreate();
        try {
            ShardDecompositionJob.Result r = run(spark, a);
            System.out.println("decomposed " + r.embeddings() + " embeddings in " + r.tasks() + " tasks, " + r.seconds() + " s");
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the job described by named arguments.
     * @param spark the session
     * @param a the arguments (see the class comment)
     * @return what was done
     */
    public static ShardDecompositionJob.Result run(SparkSession spark, Map<String, String> a) {
        ConceptDecomposition stage;
        if (a.containsKey("concepts")) {
            ConceptVocabulary v = ConceptVocabulary.load(a.getOrDefault("vocabulary", "laion"),
                    Integer.parseInt(a.getOrDefault("size", "10000")));
            ConceptDictionary d = ConceptDictionary.fromEmbeddings(v, matrix(spark, a.get("concepts")), a.get("concepts"));
            stage = ConceptDecomposition.of(d, EmbeddingMean.load(a.getOrDefault("mean", "clip:ViT-B-32")));
        } else if (a.containsKey("dictionary")) {
            stage = ConceptDecomposition.raw(DictionaryMatrix.of(matrix(spark, a.get("dictionary")), a.get("dictionary")),
                    a.get("dictionary"));
        } else {
            throw SpliceInputException.forParameter("dictionary", "give dictionary= (the raw problem) or concepts= "
                    + "(with vocabulary=, size=, mean=)");
        }
        if (a.containsKey("targetL0")) {
            stage.setTargetL0(Integer.parseInt(a.get("targetL0")));
        } else {
            stage.setLambda(Double.parseDouble(a.getOrDefault("lambda", "0.25")));
        }
        if (a.containsKey("tolerance")) {
            stage.setTolerance(Double.parseDouble(a.get("tolerance")));
        }
        if (a.containsKey("batchSize")) {
            stage.setBatchSize(Integer.parseInt(a.get("batchSize")));
        }
        String out = a.get("out");
        if (out == null) {
            throw SpliceInputException.forParameter("out", "is required");
        }
        if (a.containsKey("parquet")) {
            stage.setInputCol(a.getOrDefault("column", "embedding"));
            List<String> groups = a.containsKey("groups") ? Arrays.asList(a.get("groups").split(",")) : List.of();
            return ShardDecompositionJob.runParquet(spark, stage, a.get("parquet"), groups, out, a.get("summary"));
        }
        if (!a.containsKey("shards")) {
            throw SpliceInputException.forParameter("shards", "give shards= (comma-separated .npy files) or parquet=");
        }
        return ShardDecompositionJob.runShards(spark, stage, Arrays.asList(a.get("shards").split(",")),
                Integer.parseInt(a.getOrDefault("rowsPerTask", "4096")), out, a.get("summary"));
    }

    /** A .npy matrix from the local file system, or through Hadoop's file system for a URI. */
    private static double[][] matrix(SparkSession spark, String path) {
        if (Files.exists(Path.of(path))) {
            return Npy.readMatrix(Path.of(path));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
            try (var reader = io.github.splice4j.npy.NpyReader.open(in, path)) {
                return reader.readAll();
            }
        } catch (java.io.IOException e) {
            throw new SpliceInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }
}
