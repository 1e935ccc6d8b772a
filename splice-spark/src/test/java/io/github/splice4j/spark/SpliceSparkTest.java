package io.github.splice4j.spark;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.testkit.ClipLikeProblem;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark stage and job on local[2], against splice-core on the same rows. */
class SpliceSparkTest {
    static SparkSession spark;
    static ConceptDictionary dictionary;
    static EmbeddingMean mean;
    static ClipLikeProblem problem;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("splice-spark-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/splice-spark-test-warehouse")
                .getOrCreate();
        mean = EmbeddingMean.bundled("clip:ViT-B-32");
        problem = ClipLikeProblem.generate(300, 60, mean, 2, 6, 0.5, 4);
        dictionary = ConceptDictionary.fromEmbeddings(ConceptVocabulary.bundled("laion", 300), problem.rawConcepts(),
                "generated");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void sameSolution(LassoResult core, int[] indices, double[] weights, double objective, String what) {
        assertArrayEquals(core.indices(), indices, what);
        for (int k = 0; k < weights.length; k++) {
            assertEquals(core.weights()[k], weights[k], 1e-6 * Math.max(1, Math.abs(core.weights()[k])), what);
        }
        assertEquals(core.objective(), objective, 1e-9 * core.objective(), what);
    }

    @Test
    void theStageEqualsTheCoreAndSavesAndLoadsInsideAPipeline() throws Exception {
        double[][] x = problem.images();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(i, Vectors.dense(x[i])));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("embedding", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        ConceptDecomposition stage = ConceptDecomposition.of(dictionary, mean).setLambda(0.25).setBatchSize(7);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(df);
        List<Decomposition> core = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create()).decompose(x);
        check(model.transform(df), core);
        Path saved = dir.resolve("pipeline");
        model.write().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        check(loaded.transform(df), core);
        ConceptDecomposition back = (ConceptDecomposition) loaded.stages()[0];
        assertEquals(stage.uid(), back.uid());
        assertEquals(7, (int) (Integer) back.getOrDefault(back.batchSize()));
        assertEquals(dictionary.vocabulary().names(), back.conceptNames());
        // arrays of floats work as input too
        Dataset<Row> floats = df.select(df.col("id"), org.apache.spark.ml.functions.vector_to_array(df.col("embedding"),
                "float32").as("emb"));
        Map<Integer, Row> byId = byId(stage.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("emb")
                .transform(floats));
        assertEquals(x.length, byId.size());
    }

    private static Map<Integer, Row> byId(Dataset<Row> out) {
        Map<Integer, Row> m = new HashMap<>();
        for (Row r : out.collectAsList()) {
            m.put(r.getInt(r.fieldIndex("id")), r);
        }
        return m;
    }

    private static void check(Dataset<Row> out, List<Decomposition> core) {
        Map<Integer, Row> byId = byId(out);
        assertEquals(core.size(), byId.size());
        for (int i = 0; i < core.size(); i++) {
            Row r = byId.get(i);
            SparseVector v = (SparseVector) r.get(r.fieldIndex("concepts"));
            sameSolution(core.get(i).weights(), v.indices(), v.values(), r.getDouble(r.fieldIndex("concepts_objective")),
                    "row " + i);
            assertEquals(core.get(i).l0(), r.getInt(r.fieldIndex("concepts_l0")));
            assertEquals(core.get(i).cosine(), r.getDouble(r.fieldIndex("concepts_cosine")), 1e-9);
            assertTrue(r.getDouble(r.fieldIndex("concepts_relative_gap")) <= 1e-6);
        }
    }

    @Test
    void shardsOfTwoDtypesAreReadByRowRangesAndEveryRowComesOutOnce() {
        DictionaryMatrix d = dictionary.matrix();
        Decomposer centring = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        double[][] z = Arrays.stream(problem.images()).map(centring::centre).toArray(double[][]::new);
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        Npy.write(a, Arrays.copyOfRange(z, 0, 37), NpyDType.FLOAT32);
        Npy.write(b, Arrays.copyOfRange(z, 37, 60), NpyDType.FLOAT16);
        ConceptDecomposition stage = ConceptDecomposition.raw(d, "D").setLambda(0.2);
        String out = dir.resolve("out.parquet").toString();
        String summary = dir.resolve("summary.parquet").toString();
        ShardDecompositionJob.Result r = ShardDecompositionJob.runShards(spark, stage, List.of(a.toString(), b.toString()),
                5, out, summary);
        assertEquals(60, r.embeddings());
        assertEquals(8 + 5, r.tasks());
        List<Row> rows = spark.read().parquet(out).collectAsList();
        assertEquals(60, rows.size());
        assertEquals(60, rows.stream().map(x -> x.getString(0) + "#" + x.getLong(1)).distinct().count());
        double[][] aBack = Npy.readMatrix(a);
        double[][] bBack = Npy.readMatrix(b);
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        for (Row row : rows) {
            boolean first = row.getString(0).equals(a.toString());
            double[] target = (first ? aBack : bBack)[(int) row.getLong(1)];
            LassoResult core = solver.solve(d, target, 0.2);
            int[] idx = row.getList(2).stream().mapToInt(o -> (Integer) o).toArray();
            double[] w = row.getList(3).stream().mapToDouble(o -> (Float) o).toArray();
            assertArrayEquals(core.indices(), idx);
            for (int k = 0; k < w.length; k++) {
                assertEquals((float) core.weights()[k], w[k], 0.0);
            }
            assertEquals(core.objective(), row.getDouble(row.fieldIndex("objective")), 1e-9 * core.objective());
        }
        Dataset<Row> s = spark.read().parquet(summary);
        long used = rows.stream().mapToLong(x -> x.getList(2).size()).sum();
        assertEquals(used, s.selectExpr("sum(count)").first().getLong(0));
        assertTrue(s.first().getLong(s.first().fieldIndex("embeddings")) == 60);
        assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    }

    @Test
    void parquetInputKeepsGroupsAndSummarisesPerGroup() {
        double[][] x = problem.images();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create(i % 2 == 0 ? "train" : "test", Vectors.dense(x[i])));
        }
        StructType schema = new StructType().add("split", DataTypes.StringType)
                .add("embedding", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
        String input = dir.resolve("in.parquet").toString();
        spark.createDataFrame(rows, schema).write().parquet(input);
        String out = dir.resolve("p-out.parquet").toString();
        String summary = dir.resolve("p-summary.parquet").toString();
        ShardDecompositionJob.Result r = ShardDecompositionJob.runParquet(spark, ConceptDecomposition.of(dictionary, mean),
                input, List.of("split"), out, summary);
        assertEquals(60, r.embeddings());
        Dataset<Row> o = spark.read().parquet(out);
        assertTrue(List.of(o.columns()).containsAll(List.of("file", "row", "indices", "weights", "l0", "cosine",
                "objective", "relative_gap", "split")));
        Dataset<Row> s = spark.read().parquet(summary);
        assertEquals(2, s.select("split").distinct().count());
        assertEquals(30, s.where("split = 'train'").first().getLong(s.first().fieldIndex("embeddings")));
    }

    @Test
    void badShardsFailWithAClearMessageAndNoSuccessMarker() {
        DictionaryMatrix d = dictionary.matrix();
        ConceptDecomposition stage = ConceptDecomposition.raw(d, "D");
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, new double[][] {{1, 2, 3}}, NpyDType.FLOAT32);
        String out = dir.resolve("bad.parquet").toString();
        SpliceInputException e = assertThrows(SpliceInputException.class, () -> ShardDecompositionJob.runShards(spark,
                stage, List.of(wrong.toString()), 10, out, null));
        assertTrue(e.getMessage().contains("wrong.npy: embeddings have dimension 3"), e.getMessage());
        e = assertThrows(SpliceInputException.class, () -> ShardDecompositionJob.runShards(spark, stage,
                List.of(dir.resolve("missing.npy").toString()), 10, out, null));
        assertTrue(e.getMessage().contains("missing.npy: no such file"), e.getMessage());
        assertFalse(Files.exists(Path.of(out)));
        double[][] z = new double[20][512];
        for (double[] row : z) {
            row[0] = 1;
        }
        z[17][5] = Double.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, z, NpyDType.FLOAT32);
        Exception failed = assertThrows(Exception.class, () -> ShardDecompositionJob.runShards(spark, stage,
                List.of(nan.toString()), 4, out, null));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failed; t != null; t = t.getCause()) {
            chain.append(t.getMessage()).append('\n');
        }
        assertTrue(chain.toString().contains("non-finite value NaN at row 17, column 5"), chain.toString());
        assertFalse(Files.exists(Path.of(out, "_SUCCESS")));
    }
}
