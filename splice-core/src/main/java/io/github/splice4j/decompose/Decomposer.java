package io.github.splice4j.decompose;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.SolutionPath;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Decomposes embeddings into sparse nonnegative combinations of named concepts (SpLiCE).
 *
 * <p>For an embedding {@code x}: {@code z = normalise(x)}, {@code z_c = normalise(z − μ)} with the
 * image (or text) mean {@code μ}; solve {@code min_w ||Dᵀw − z_c||² + λ||w||₁, w ≥ 0}; recompose
 * {@code x̂ = normalise(normalise(Dᵀw) + μ)} and report {@code cos(x̂, z)}. Immutable and thread-safe.
 */
public final class Decomposer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Embeddings read and solved together when streaming. */
    public static final int DEFAULT_CHUNK = 4096;

    private final ConceptDictionary dictionary;
    private final EmbeddingMean mean;
    private final double[] mu;
    private final Penalty penalty;
    private final NonnegativeLassoSolver solver;

    /**
     * @param dictionary the concept dictionary
     * @param mean the mean subtracted before solving; its dimension must match the dictionary's
     * @param penalty a fixed λ, or a target number of concepts per embedding (λ is then searched per embedding
     *     with warm starts, and each decomposition's λ is in {@code weights().lambda()})
     * @param solver the solver
     * @throws SpliceInputException (parameter {@code mean}) when the mean's dimension differs from the dictionary's,
     *     or (parameter {@code penalty}) when a target l0 exceeds the number of concepts
     */
    public Decomposer(ConceptDictionary dictionary, EmbeddingMean mean, Penalty penalty, NonnegativeLassoSolver solver) {
        if (mean.dimension() != dictionary.dimension()) {
            throw SpliceInputException.forParameter("mean", mean.name() + " is " + mean.dimension()
                    + "-dimensional, the concept dictionary is " + dictionary.dimension() + "-dimensional");
        }
        if (penalty instanceof Penalty.TargetL0 t && t.concepts() > dictionary.size()) {
            throw SpliceInputException.forParameter("targetL0", "must be between 1 and the number of concepts ("
                    + dictionary.size() + "), got " + t.concepts());
        }
        this.dictionary = dictionary;
        this.mean = mean;
        this.mu = mean.values();
        this.penalty = java.util.Objects.requireNonNull(penalty, "penalty");
        this.solver = java.util.Objects.requireNonNull(solver, "solver");
    }

    /**
     * A decomposer at a fixed λ.
     * @param dictionary the concept dictionary
     * @param mean the mean subtracted before solving; its dimension must match the dictionary's
     * @param lambda the l1 penalty λ &gt; 0 (the paper uses 0.25)
     * @param solver the solver
     */
    public Decomposer(ConceptDictionary dictionary, EmbeddingMean mean, double lambda, NonnegativeLassoSolver solver) {
        this(dictionary, mean, Penalty.lambda(lambda), solver);
    }

    /**
     * @param other the penalty to use instead
     * @return a decomposer with the same dictionary, mean and solver and another penalty
     */
    public Decomposer withPenalty(Penalty other) {
        return new Decomposer(dictionary, mean, other, solver);
    }

    /** @return the dictionary */
    public ConceptDictionary dictionary() {
        return dictionary;
    }

    /** @return the mean */
    public EmbeddingMean mean() {
        return mean;
    }

    /** @return the penalty: a fixed λ or a target l0 */
    public Penalty penalty() {
        return penalty;
    }

    /** @return the solver */
    public NonnegativeLassoSolver solver() {
        return solver;
    }

    /**
     * The solver's target for an embedding: {@code normalise(normalise(x) − μ)}.
     * @param x an embedding
     * @return the centred target
     */
    public double[] centre(double[] x) {
        double[] z = Vectors.normalized(x);
        for (int j = 0; j < z.length; j++) {
            z[j] -= mu[j];
        }
        return Vectors.normalizeInPlace(z);
    }

    /**
     * The recomposed embedding {@code normalise(normalise(Dᵀw) + μ)}.
     * @param weights sparse concept weights
     * @return the dense embedding
     */
    public double[] recompose(LassoResult weights) {
        double[] v = Vectors.normalizeInPlace(dictionary.matrix().combine(weights.indices(), weights.weights()));
        for (int j = 0; j < v.length; j++) {
            v[j] += mu[j];
        }
        return Vectors.normalizeInPlace(v);
    }

    /**
     * Decomposes a batch of embeddings.
     * @param embeddings the embeddings, each of the dictionary's dimension
     * @param progress told how many are done after each solver batch
     * @return one decomposition per embedding, in order
     */
    public List<Decomposition> decompose(double[][] embeddings, ProgressListener progress) {
        return describe(embeddings, solver.solve(dictionary.matrix(), targets(embeddings), penalty, progress));
    }

    /** The centred targets of the embeddings, each checked. */
    private double[][] targets(double[][] embeddings) {
        double[][] targets = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            double[] x = embeddings[i];
            if (x.length != dictionary.dimension()) {
                throw SpliceInputException.forParameter("embeddings", "row " + i + " has dimension " + x.length
                        + ", the concept dictionary has dimension " + dictionary.dimension());
            }
            if (Vectors.norm(x) == 0) {
                throw SpliceInputException.forParameter("embeddings", "row " + i + " is all zeros");
            }
            targets[i] = centre(x);
        }
        return targets;
    }

    /**
     * Decomposes the same embeddings at every λ of a grid, from the largest λ down, each solve warm-started from
     * the one before ({@link SolutionPath}): a sparsity–accuracy curve for much less than independent solves.
     * This decomposer's own penalty is not used.
     * @param embeddings the embeddings
     * @param grid the λ values (any order)
     * @param progress told how many (λ, embedding) decompositions are done
     * @return the decompositions at each λ, λ descending
     */
    public DecompositionPath path(double[][] embeddings, double[] grid, ProgressListener progress) {
        SolutionPath path = SolutionPath.compute(solver, dictionary.matrix(), targets(embeddings), grid, progress);
        double[] lambdas = path.lambdas();
        List<List<Decomposition>> out = new ArrayList<>(lambdas.length);
        for (int k = 0; k < lambdas.length; k++) {
            out.add(describe(embeddings, path.results(k)));
        }
        return new DecompositionPath(lambdas, out);
    }

    /**
     * Names and scores weights found elsewhere (a λ path, an edited decomposition): the concepts by
     * name and the cosine of the recomposition with each normalised embedding.
     * @param embeddings the embeddings the weights decompose
     * @param weights one result per embedding
     * @return the decompositions
     */
    public List<Decomposition> describe(double[][] embeddings, List<LassoResult> weights) {
        List<Decomposition> out = new ArrayList<>(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            double cos = Vectors.cosine(recompose(weights.get(i)), Vectors.normalized(embeddings[i]));
            out.add(new Decomposition(weights.get(i), cos, dictionary.vocabulary()));
        }
        return out;
    }

    /**
     * Decomposes a batch of embeddings without progress reports.
     * @param embeddings the embeddings
     * @return one decomposition per embedding
     */
    public List<Decomposition> decompose(double[][] embeddings) {
        return decompose(embeddings, ProgressListener.NONE);
    }

    /**
     * Decomposes one embedding.
     * @param embedding the embedding
     * @return its decomposition
     */
    public Decomposition decompose(double[] embedding) {
        return decompose(new double[][] {embedding}).get(0);
    }

    /**
     * Streams the rows of a {@code .npy} file through the decomposer, a chunk at a time, so that
     * inputs larger than memory can be decomposed.
     * @param reader the embeddings
     * @param chunk rows per chunk
     * @param sink receives every decomposition, in row order
     * @param progress told how many rows are done
     */
    public void decompose(NpyReader reader, int chunk, Consumer<Decomposition> sink, ProgressListener progress) {
        decomposeRows(reader, chunk, (row, d) -> sink.accept(d), progress);
    }

    /**
     * Streams the rows of a {@code .npy} file through the decomposer, a chunk at a time, handing each row
     * with its decomposition to the sink (which keeps the rows only if it needs them).
     * @param reader the embeddings
     * @param chunk rows per chunk
     * @param sink receives every row and its decomposition, in row order
     * @param progress told how many rows are done
     */
    public void decomposeRows(NpyReader reader, int chunk, BiConsumer<double[], Decomposition> sink,
                              ProgressListener progress) {
        if (reader.cols() != dictionary.dimension()) {
            throw new SpliceInputException(reader.source() + ": embeddings have dimension " + reader.cols()
                    + ", the concept dictionary has dimension " + dictionary.dimension());
        }
        long total = reader.rows();
        long done = 0;
        while (reader.remaining() > 0) {
            double[][] rows = reader.readRows(chunk);
            long base = done;
            List<Decomposition> part;
            try {
                part = decompose(rows, (d, t) -> progress.progress(base + d, total));
            } catch (SpliceInputException e) {
                if (!"embeddings".equals(e.parameter()) && !"targets".equals(e.parameter())) {
                    throw e;
                }
                throw new SpliceInputException(reader.source() + ": " + e.reason()
                        + " (chunk starting at row " + base + ")", e);
            }
            for (int i = 0; i < rows.length; i++) {
                sink.accept(rows[i], part.get(i));
            }
            done += rows.length;
        }
    }
}
