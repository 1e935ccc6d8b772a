package io.github.splice4j.spark;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A Spark ML {@link Transformer} that decomposes a column of embeddings (ML vectors, or arrays of floats or doubles)
 * into sparse concept weights with {@code splice-core}'s exact solver. Output columns: {@code outputCol} (a
 * {@code SparseVector} over the concepts), {@code outputCol_l0}, {@code outputCol_objective},
 * {@code outputCol_relative_gap}, and in the pipeline form (a centring mean) {@code outputCol_cosine}.
 *
 * <p>Params: {@code inputCol}, {@code outputCol}, {@code lambda} (λ &gt; 0) or {@code targetL0} (concepts per
 * embedding, 0 for a fixed λ), {@code tolerance}, {@code batchSize}. The dictionary, vocabulary and mean are data:
 * the stage saves them as Parquet under {@code path/data} next to its params' metadata, so it saves and loads
 * inside a {@code Pipeline} ({@link #write()}, {@link #read()}). The problem is broadcast once per
 * {@link #transform}; each partition is decomposed in batches on one thread.
 */
public final class ConceptDecomposition extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final SpliceProblem problem;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final DoubleParam lambda;
    private final IntParam targetL0;
    private final DoubleParam tolerance;
    private final IntParam batchSize;

    private ConceptDecomposition(String uid, SpliceProblem problem) {
        this.uid = uid;
        this.problem = problem;
        this.inputCol = new Param<>(this, "inputCol", "column of embeddings: ML vectors or arrays of floats/doubles");
        this.outputCol = new Param<>(this, "outputCol", "column of concept weights (SparseVector); its _l0, "
                + "_objective, _relative_gap (and _cosine) columns beside it");
        this.lambda = new DoubleParam(this, "lambda", "the l1 penalty λ > 0");
        this.targetL0 = new IntParam(this, "targetL0", "concepts per embedding, λ searched per embedding (0: use lambda)");
        this.tolerance = new DoubleParam(this, "tolerance", "relative duality gap at which the solver stops, in (0, 1)");
        this.batchSize = new IntParam(this, "batchSize", "embeddings solved together in a task");
        setDefault(inputCol, "embedding");
        setDefault(outputCol, "concepts");
        setDefault(lambda, 0.25);
        setDefault(targetL0, 0);
        setDefault(tolerance, WorkingSetLassoSolver.DEFAULT_TOLERANCE);
        setDefault(batchSize, 256);
    }

    /**
     * The pipeline form, as {@code splice decompose} does it: each embedding normalised and centred with the mean,
     * and scored by the reconstruction cosine.
     * @param dictionary the concept dictionary
     * @param mean the centring mean
     * @return the stage
     */
    public static ConceptDecomposition of(ConceptDictionary dictionary, EmbeddingMean mean) {
        return new ConceptDecomposition(Identifiable$.MODULE$.randomUID("conceptDecomposition"),
                SpliceProblem.pipeline(dictionary, mean, Penalty.lambda(0.25), WorkingSetLassoSolver.DEFAULT_TOLERANCE));
    }

    /**
     * The raw problem, as {@code splice solve} does it: each embedding solved as given.
     * @param dictionary the dictionary rows
     * @param source a description of the dictionary, for provenance
     * @return the stage
     */
    public static ConceptDecomposition raw(DictionaryMatrix dictionary, String source) {
        return new ConceptDecomposition(Identifiable$.MODULE$.randomUID("conceptDecomposition"),
                SpliceProblem.raw(dictionary, source, Penalty.lambda(0.25), WorkingSetLassoSolver.DEFAULT_TOLERANCE));
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the input column param */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** @return the output column param */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** @return the λ param */
    public DoubleParam lambda() {
        return lambda;
    }

    /** @return the target-l0 param (0: a fixed λ) */
    public IntParam targetL0() {
        return targetL0;
    }

    /** @return the tolerance param */
    public DoubleParam tolerance() {
        return tolerance;
    }

    /** @return the batch-size param */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @param value the input column @return this */
    public ConceptDecomposition setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    /** @param value the output column @return this */
    public ConceptDecomposition setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    /** @param value λ &gt; 0 @return this */
    public ConceptDecomposition setLambda(double value) {
        Penalty.lambda(value);
        set(lambda, value);
        return this;
    }

    /** @param value concepts per embedding (≥ 1), or 0 for a fixed λ @return this */
    public ConceptDecomposition setTargetL0(int value) {
        if (value != 0) {
            Penalty.targetL0(value);
        }
        set(targetL0, value);
        return this;
    }

    /** @param penalty a fixed λ or a target l0 @return this */
    public ConceptDecomposition setPenalty(Penalty penalty) {
        if (penalty instanceof Penalty.TargetL0 t) {
            return setTargetL0(t.concepts());
        }
        set(targetL0, 0);
        return setLambda(((Penalty.FixedLambda) penalty).lambda());
    }

    /** @param value the relative duality gap to stop at, in (0, 1) @return this */
    public ConceptDecomposition setTolerance(double value) {
        io.github.splice4j.internal.Arguments.openUnitInterval("tolerance", value);
        set(tolerance, value);
        return this;
    }

    /** @param value embeddings per solver batch (≥ 1) @return this */
    public ConceptDecomposition setBatchSize(int value) {
        io.github.splice4j.internal.Arguments.atLeast("batchSize", value, 1);
        set(batchSize, value);
        return this;
    }

    /** @return the input column */
    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    /** @return the output column */
    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    /** @return the number of concepts (the length of the output vectors) */
    public int concepts() {
        return problem.concepts();
    }

    /** @return the concept names, in the output vectors' order */
    public List<String> conceptNames() {
        return problem.names();
    }

    Penalty penalty() {
        int k = (Integer) getOrDefault(targetL0);
        return k > 0 ? Penalty.targetL0(k) : Penalty.lambda((Double) getOrDefault(lambda));
    }

    SpliceProblem problemForRun() {
        return problem.with(penalty(), (Double) getOrDefault(tolerance));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String in = getInputCol();
        if (!List.of(schema.fieldNames()).contains(in)) {
            throw SpliceInputException.forParameter("inputCol", "no column '" + in + "' in " + schema.simpleString());
        }
        DataType t = schema.apply(in).dataType();
        boolean ok = t.equals(SQLDataTypes.VectorType()) || (t instanceof ArrayType a
                && (a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType)));
        if (!ok) {
            throw SpliceInputException.forParameter("inputCol", "column '" + in + "' is " + t.simpleString()
                    + ", not a vector or an array of floats or doubles");
        }
        StructType out = schema;
        for (StructField f : outputFields(getOutputCol(), problem.pipeline())) {
            if (List.of(schema.fieldNames()).contains(f.name())) {
                throw SpliceInputException.forParameter("outputCol", "column '" + f.name() + "' already exists");
            }
            out = out.add(f);
        }
        return out;
    }

    static List<StructField> outputFields(String out, boolean pipeline) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(out, SQLDataTypes.VectorType(), false));
        f.add(DataTypes.createStructField(out + "_l0", DataTypes.IntegerType, false));
        if (pipeline) {
            f.add(DataTypes.createStructField(out + "_cosine", DataTypes.DoubleType, false));
        }
        f.add(DataTypes.createStructField(out + "_objective", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(out + "_relative_gap", DataTypes.DoubleType, false));
        return f;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType outSchema = transformSchema(dataset.schema());
        Broadcast<SpliceProblem> broadcast = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                .broadcast(problemForRun());
        int column = dataset.schema().fieldIndex(getInputCol());
        int batch = (Integer) getOrDefault(batchSize);
        return dataset.toDF().mapPartitions(partitionFunction(broadcast, column, batch), Encoders.row(outSchema));
    }

    private static MapPartitionsFunction<Row, Row> partitionFunction(Broadcast<SpliceProblem> broadcast, int column,
                                                                     int batch) {
        return rows -> new Batches(rows, broadcast.value(), column, batch);
    }

    /** Reads a partition a batch at a time and yields each input row with its decomposition appended. */
    private static final class Batches implements Iterator<Row> {
        private final Iterator<Row> in;
        private final SpliceProblem problem;
        private final int column;
        private final int batch;
        private final List<Row> ready = new ArrayList<>();
        private int next;

        Batches(Iterator<Row> in, SpliceProblem problem, int column, int batch) {
            this.in = in;
            this.problem = problem;
            this.column = column;
            this.batch = batch;
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            List<Row> rows = new ArrayList<>(batch);
            while (rows.size() < batch && in.hasNext()) {
                rows.add(in.next());
            }
            if (rows.isEmpty()) {
                return false;
            }
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = embedding(rows.get(i), column);
            }
            List<SpliceProblem.Solved> solved = problem.solve(x);
            for (int i = 0; i < x.length; i++) {
                ready.add(withDecomposition(rows.get(i), solved.get(i), problem));
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }
    }

    /** An embedding from a vector or an array column. */
    static double[] embedding(Row row, int column) {
        Object v = row.get(column);
        if (v == null) {
            throw SpliceInputException.forParameter("inputCol", "a row has no embedding (null)");
        }
        if (v instanceof Vector vector) {
            return vector.toArray();
        }
        List<Object> list = row.getList(column);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    static Row withDecomposition(Row row, SpliceProblem.Solved s, SpliceProblem problem) {
        List<Object> values = new ArrayList<>(row.length() + 5);
        for (int i = 0; i < row.length(); i++) {
            values.add(row.get(i));
        }
        values.add(Vectors.sparse(problem.concepts(), s.weights().indices(), s.weights().weights()));
        values.add(s.weights().l0());
        if (problem.pipeline()) {
            values.add(s.cosine());
        }
        values.add(s.weights().objective());
        values.add(s.weights().relativeGap());
        return RowFactory.create(values.toArray());
    }

    @Override
    public ConceptDecomposition copy(ParamMap extra) {
        return copyValues(new ConceptDecomposition(uid, problem), extra);
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** @return the reader ({@code Pipeline.load} finds it by this name) */
    public static MLReader<ConceptDecomposition> read() {
        return new Reader();
    }

    /**
     * @param path a saved stage
     * @return the stage
     */
    public static ConceptDecomposition load(String path) {
        return read().load(path);
    }

    private static final StructType CONCEPTS = new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType, false)
            .add("row", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    private static final StructType PROBLEM = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("mean_name", DataTypes.StringType, true)
            .add("mean", DataTypes.createArrayType(DataTypes.DoubleType, false), true);

    /** Saves the params as Spark's metadata and the dictionary, vocabulary and mean as Parquet under path/data. */
    private static final class Writer extends MLWriter {
        private final ConceptDecomposition stage;

        Writer(ConceptDecomposition stage) {
            this.stage = stage;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sc(), Option.empty(), Option.empty());
            SparkSession spark = SparkSession.builder().sparkContext(sc()).getOrCreate();
            SpliceProblem p = stage.problem;
            List<Row> concepts = new ArrayList<>(p.concepts());
            for (int i = 0; i < p.concepts(); i++) {
                concepts.add(RowFactory.create(i, p.names().get(i), p.rows()[i]));
            }
            spark.createDataFrame(concepts, CONCEPTS).write().parquet(path + "/data/concepts");
            Row problem = RowFactory.create(p.source(), p.meanName(), p.mean());
            spark.createDataFrame(List.of(problem), PROBLEM).coalesce(1).write().parquet(path + "/data/problem");
        }
    }

    private static final class Reader extends MLReader<ConceptDecomposition> {
        @Override
        public ConceptDecomposition load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
                    ConceptDecomposition.class.getName());
            SparkSession spark = SparkSession.builder().sparkContext(sc()).getOrCreate();
            List<Row> concepts = new ArrayList<>(spark.read().parquet(path + "/data/concepts").collectAsList());
            concepts.sort(Comparator.comparingInt(r -> r.getInt(r.fieldIndex("index"))));
            double[][] rows = new double[concepts.size()][];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                Row r = concepts.get(i);
                List<Object> v = r.getList(r.fieldIndex("row"));
                rows[i] = v.stream().mapToDouble(o -> (Double) o).toArray();
                names.add(r.getString(r.fieldIndex("name")));
            }
            Row p = spark.read().parquet(path + "/data/problem").first();
            double[] mean = null;
            if (!p.isNullAt(p.fieldIndex("mean"))) {
                mean = p.getList(p.fieldIndex("mean")).stream().mapToDouble(o -> (Double) o).toArray();
            }
            String meanName = p.isNullAt(p.fieldIndex("mean_name")) ? null : p.getString(p.fieldIndex("mean_name"));
            ConceptDecomposition stage = new ConceptDecomposition(metadata.uid(), new SpliceProblem(rows, names, mean,
                    meanName, p.getString(p.fieldIndex("source")), Penalty.lambda(0.25),
                    WorkingSetLassoSolver.DEFAULT_TOLERANCE));
            metadata.getAndSetParams(stage, Option.empty());
            return stage;
        }
    }
}
