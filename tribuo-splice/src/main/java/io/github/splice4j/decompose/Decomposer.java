package io.github.splice4j.decompose;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.Vectors;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.TargetSparsity;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.util.ArrayList;
import java.util.List;
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
    private final double lambda;
    private final int targetL0;
    private final NonnegativeLassoSolver solver;

    /**
     * @param dictionary the concept dictionary
     * @param mean the mean subtracted before solving; its dimension must match the dictionary's
     * @param lambda the l1 penalty λ &gt; 0 (the paper uses 0.25)
     * @param solver the solver
     */
    public Decomposer(ConceptDictionary dictionary, EmbeddingMean mean, double lambda, NonnegativeLassoSolver solver) {
        if (mean.dimension() != dictionary.dimension()) {
            throw new SpliceInputException("--mean: " + mean.name() + " is " + mean.dimension()
                    + "-dimensional, the concept dictionary is " + dictionary.dimension() + "-dimensional");
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new SpliceInputException("--l1: λ must be a positive finite number, got " + lambda);
        }
        this.dictionary = dictionary;
        this.mean = mean;
        this.mu = mean.values();
        this.lambda = lambda;
        this.targetL0 = 0;
        this.solver = solver;
    }

    private Decomposer(ConceptDictionary dictionary, EmbeddingMean mean, int targetL0, WorkingSetLassoSolver solver) {
        if (mean.dimension() != dictionary.dimension()) {
            throw new SpliceInputException("--mean: " + mean.name() + " is " + mean.dimension()
                    + "-dimensional, the concept dictionary is " + dictionary.dimension() + "-dimensional");
        }
        if (targetL0 < 1 || targetL0 > dictionary.size()) {
            throw new SpliceInputException("--l0: must be between 1 and " + dictionary.size() + ", got " + targetL0);
        }
        this.dictionary = dictionary;
        this.mean = mean;
        this.mu = mean.values();
        this.lambda = Double.NaN;
        this.targetL0 = targetL0;
        this.solver = solver;
    }

    /**
     * A decomposer that chooses λ per embedding so that it has {@code targetL0} concepts (or the nearest
     * achievable number); each decomposition's λ is in {@code weights().lambda()}.
     * @param dictionary the concept dictionary
     * @param mean the mean
     * @param targetL0 the number of concepts wanted per embedding
     * @param solver the exact solver, which the search warm-starts
     * @return the decomposer
     */
    public static Decomposer atSparsity(ConceptDictionary dictionary, EmbeddingMean mean, int targetL0,
                                        WorkingSetLassoSolver solver) {
        return new Decomposer(dictionary, mean, targetL0, solver);
    }

    /** @return the dictionary */
    public ConceptDictionary dictionary() {
        return dictionary;
    }

    /** @return the mean */
    public EmbeddingMean mean() {
        return mean;
    }

    /** @return λ, or NaN when λ is chosen per embedding for a target l0 */
    public double lambda() {
        return lambda;
    }

    /** @return the target number of concepts per embedding, or 0 when λ is fixed */
    public int targetL0() {
        return targetL0;
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
        double[][] targets = new double[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            double[] x = embeddings[i];
            if (x.length != dictionary.dimension()) {
                throw new SpliceInputException("embeddings: row " + i + " has dimension " + x.length
                        + ", the concept dictionary has dimension " + dictionary.dimension());
            }
            if (Vectors.norm(x) == 0) {
                throw new SpliceInputException("embeddings: row " + i + " is all zeros");
            }
            targets[i] = centre(x);
        }
        List<LassoResult> results = targetL0 > 0
                ? TargetSparsity.solveForL0((WorkingSetLassoSolver) solver, dictionary.matrix(), targets, targetL0, progress)
                : solver.solve(dictionary.matrix(), targets, lambda, progress);
        return describe(embeddings, results);
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
                throw new SpliceInputException(reader.source() + ": " + e.getMessage()
                        + " (chunk starting at row " + base + ")", e);
            }
            part.forEach(sink);
            done += rows.length;
        }
    }
}
