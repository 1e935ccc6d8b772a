package io.github.splice4j.spark;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.NpyHeader;
import io.github.splice4j.npy.NpyReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decomposes embeddings stored as {@code .npy} shards (float16, float32 or float64, C order, on any Hadoop file
 * system: {@code file:}, {@code hdfs:}, {@code s3a:}) or as a Parquet column, into Parquet: one row per embedding
 * with {@code file} (the shard as given), {@code row} (its row in the shard), {@code indices} (array of int),
 * {@code weights} (array of float), {@code l0}, {@code objective}, {@code relative_gap} (and {@code cosine} in the
 * pipeline form). Shards are split into ranges of rows, each read by offset in its own task (never a whole file
 * in memory), so one large shard spreads across the cluster. A concept summary is written beside: per concept,
 * the number and share of embeddings that use it and its mean weight where used (per value of the group columns,
 * for a Parquet input that has them). Every shard is checked on the driver before any task runs (it exists, is a
 * C-order 2-D float array, has the dictionary's dimension); a bad value found by a task (NaN) fails the job, and a
 * failed job leaves no {@code _SUCCESS}.
 */
public final class ShardDecompositionJob {
    private ShardDecompositionJob() {
    }

    /** One range of rows of one shard. */
    record Range(String file, long start, int count) implements Serializable {
    }

    /**
     * What a run did.
     * @param embeddings the number of embeddings decomposed
     * @param tasks the number of row ranges (tasks)
     * @param seconds the wall time
     */
    public record Result(long embeddings, int tasks, double seconds) {
    }

    /**
     * Decomposes {@code .npy} shards.
     * @param spark the session
     * @param stage the decomposition (its dictionary, mean, penalty, tolerance and batch size)
     * @param shards the shards' paths or URIs
     * @param rowsPerTask rows per task (≥ 1)
     * @param out the output Parquet directory (must not exist)
     * @param summary the concept-summary Parquet directory, or null for none
     * @return what was done
     */
    public static Result runShards(SparkSession spark, ConceptDecomposition stage, List<String> shards, int rowsPerTask,
                                   String out, String summary) {
        if (shards.isEmpty()) {
            throw SpliceInputException.forParameter("shards", "no shards given");
        }
        io.github.splice4j.internal.Arguments.atLeast("rowsPerTask", rowsPerTask, 1);
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Range> ranges = new ArrayList<>();
        long total = 0;
        for (String shard : shards) {
            NpyHeader h = header(shard, conf);
            long[] shape = h.shape();
            if (shape.length != 2 || h.fortranOrder()) {
                throw new SpliceInputException(shard + ": expected a C-order 2-D array (n × dim), found " + h);
            }
            if (shape[1] != stage.problemForRun().dimension()) {
                throw new SpliceInputException(shard + ": embeddings have dimension " + shape[1]
                        + ", the dictionary has dimension " + stage.problemForRun().dimension());
            }
            for (long s = 0; s < shape[0]; s += rowsPerTask) {
                ranges.add(new Range(shard, s, (int) Math.min(rowsPerTask, shape[0] - s)));
            }
            total += shape[0];
        }
        SpliceProblem problem = stage.problemForRun();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SpliceProblem> b = jsc.broadcast(problem);
        int batch = (Integer) stage.getOrDefault(stage.batchSize());
        JavaRDD<Row> rows = jsc.parallelize(ranges, Math.max(1, ranges.size()))
                .flatMap(r -> decodeRange(r, b.value(), batch));
        Dataset<Row> df = spark.createDataFrame(rows, schema(problem.pipeline()));
        df.write().mode(SaveMode.ErrorIfExists).parquet(out);
        if (summary != null) {
            summarize(spark.read().parquet(out), problem, List.of()).write().mode(SaveMode.ErrorIfExists).parquet(summary);
        }
        return new Result(total, ranges.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Decomposes a Parquet column of embeddings (vectors or arrays); other columns named in {@code groupColumns}
     * are kept and the summary is given per their values.
     * @param spark the session
     * @param stage the decomposition, whose {@code inputCol} names the column
     * @param input the Parquet input
     * @param groupColumns columns to keep and group the summary by (may be empty)
     * @param out the output Parquet directory
     * @param summary the concept-summary Parquet directory, or null
     * @return what was done
     */
    public static Result runParquet(SparkSession spark, ConceptDecomposition stage, String input, List<String> groupColumns,
                                    String out, String summary) {
        long t0 = System.nanoTime();
        Dataset<Row> in = spark.read().parquet(input);
        for (String g : groupColumns) {
            if (!List.of(in.columns()).contains(g)) {
                throw SpliceInputException.forParameter("groupColumns", input + " has no column '" + g + "'");
            }
        }
        SpliceProblem problem = stage.problemForRun();
        String o = stage.getOutputCol();
        boolean pipeline = problem.pipeline();
        Dataset<Row> decomposed = stage.transform(in.withColumn("row", functions.monotonically_increasing_id()));
        StructType schema = schema(pipeline);
        for (String g : groupColumns) {
            schema = schema.add(in.schema().apply(g));
        }
        int[] groupIndex = groupColumns.stream().mapToInt(g -> decomposed.schema().fieldIndex(g)).toArray();
        int rowIndex = decomposed.schema().fieldIndex("row");
        int vectorIndex = decomposed.schema().fieldIndex(o);
        int l0 = decomposed.schema().fieldIndex(o + "_l0");
        int cosine = pipeline ? decomposed.schema().fieldIndex(o + "_cosine") : -1;
        int objective = decomposed.schema().fieldIndex(o + "_objective");
        int gap = decomposed.schema().fieldIndex(o + "_relative_gap");
        JavaRDD<Row> rows = decomposed.javaRDD().map(r -> {
            org.apache.spark.ml.linalg.SparseVector v = (org.apache.spark.ml.linalg.SparseVector) r.get(vectorIndex);
            List<Object> values = new ArrayList<>(List.of(input, r.getLong(rowIndex), boxed(v.indices()),
                    boxedFloats(v.values()), r.getInt(l0)));
            if (cosine >= 0) {
                values.add(r.getDouble(cosine));
            }
            values.add(r.getDouble(objective));
            values.add(r.getDouble(gap));
            for (int g : groupIndex) {
                values.add(r.get(g));
            }
            return RowFactory.create(values.toArray());
        });
        spark.createDataFrame(rows, schema).write().mode(SaveMode.ErrorIfExists).parquet(out);
        Dataset<Row> written = spark.read().parquet(out);
        long n = written.count();
        if (summary != null) {
            summarize(written, problem, groupColumns).write().mode(SaveMode.ErrorIfExists).parquet(summary);
        }
        return new Result(n, in.rdd().getNumPartitions(), (System.nanoTime() - t0) / 1e9);
    }

    private static Integer[] boxed(int[] a) {
        Integer[] out = new Integer[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static Float[] boxedFloats(double[] a) {
        Float[] out = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    static StructType schema(boolean pipeline) {
        StructType s = new StructType()
                .add("file", DataTypes.StringType, false)
                .add("row", DataTypes.LongType, false)
                .add("indices", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("weights", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("l0", DataTypes.IntegerType, false);
        if (pipeline) {
            s = s.add("cosine", DataTypes.DoubleType, false);
        }
        return s.add("objective", DataTypes.DoubleType, false).add("relative_gap", DataTypes.DoubleType, false);
    }

    private static NpyHeader header(String shard, Configuration conf) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(shard);
        try {
            FileSystem fs = p.getFileSystem(conf);
            long size = fs.getFileStatus(p).getLen();
            try (FSDataInputStream in = fs.open(p)) {
                NpyHeader h = NpyHeader.read(in, shard);
                if (size < h.expectedFileSize()) {
                    throw new SpliceInputException(shard + ": truncated .npy file: header says " + h + " ("
                            + h.expectedFileSize() + " bytes), the file has " + size + " bytes");
                }
                return h;
            }
        } catch (FileNotFoundException e) {
            throw new SpliceInputException(shard + ": no such file", e);
        } catch (IOException e) {
            throw new SpliceInputException(shard + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads one range by offset and decomposes it in batches. */
    private static Iterator<Row> decodeRange(Range r, SpliceProblem problem, int batch) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(r.file());
        FileSystem fs = p.getFileSystem(new Configuration());
        List<Row> out = new ArrayList<>(r.count());
        try (FSDataInputStream in = fs.open(p)) {
            NpyHeader h = NpyHeader.read(in, r.file());
            long rowBytes = h.shape()[1] * h.dtype().bytes();
            in.seek(h.dataOffset() + r.start() * rowBytes);
            try (NpyReader reader = NpyReader.openRange(new BufferedInputStream(in, 1 << 16), h, r.start(), r.count(),
                    r.file())) {
                long row = r.start();
                while (reader.remaining() > 0) {
                    double[][] x = reader.readRows(batch);
                    for (SpliceProblem.Solved s : problem.solve(x)) {
                        out.add(row(r.file(), row++, s, problem.pipeline()));
                    }
                }
            }
        }
        return out.iterator();
    }

    private static Row row(String file, long row, SpliceProblem.Solved s, boolean pipeline) {
        int[] idx = s.weights().indices();
        double[] w = s.weights().weights();
        Integer[] indices = new Integer[idx.length];
        Float[] weights = new Float[w.length];
        for (int k = 0; k < idx.length; k++) {
            indices[k] = idx[k];
            weights[k] = (float) w[k];
        }
        List<Object> v = new ArrayList<>(List.of(file, row, indices, weights, s.weights().l0()));
        if (pipeline) {
            v.add(s.cosine());
        }
        v.add(s.weights().objective());
        v.add(s.weights().relativeGap());
        return RowFactory.create(v.toArray());
    }

    /**
     * The concept summary: per concept (and group), the embeddings that use it, their share, and its mean weight
     * where used.
     */
    static Dataset<Row> summarize(Dataset<Row> decomposed, SpliceProblem problem, List<String> groups) {
        SparkSession spark = decomposed.sparkSession();
        List<Row> names = new ArrayList<>();
        for (int i = 0; i < problem.concepts(); i++) {
            names.add(RowFactory.create(i, problem.names().get(i)));
        }
        Dataset<Row> conceptNames = spark.createDataFrame(names, new StructType()
                .add("concept_index", DataTypes.IntegerType, false).add("concept", DataTypes.StringType, false));
        org.apache.spark.sql.Column[] keys = groups.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new);
        Dataset<Row> totals = groups.isEmpty()
                ? decomposed.agg(functions.count("*").as("embeddings"))
                : decomposed.groupBy(keys).agg(functions.count("*").as("embeddings"));
        List<org.apache.spark.sql.Column> exploded = new ArrayList<>(List.of(keys));
        exploded.add(functions.explode(functions.arrays_zip(functions.col("indices"), functions.col("weights")))
                .as("pair"));
        List<org.apache.spark.sql.Column> groupBy = new ArrayList<>(List.of(keys));
        groupBy.add(functions.col("pair.indices").as("concept_index"));
        Dataset<Row> used = decomposed.select(exploded.toArray(new org.apache.spark.sql.Column[0]))
                .groupBy(groupBy.toArray(new org.apache.spark.sql.Column[0]))
                .agg(functions.count("*").as("count"), functions.avg("pair.weights").as("mean_weight"));
        Dataset<Row> joined = groups.isEmpty() ? used.crossJoin(totals)
                : used.join(totals, scala.jdk.javaapi.CollectionConverters.asScala(groups).toSeq());
        return joined.join(conceptNames, "concept_index")
                .withColumn("share", functions.col("count").divide(functions.col("embeddings")))
                .orderBy(functions.col("count").desc(), functions.col("concept_index"));
    }

}
