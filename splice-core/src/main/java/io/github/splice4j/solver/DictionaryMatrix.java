package io.github.splice4j.solver;

import io.github.splice4j.SpliceInputException;

/**
 * An immutable concepts × dimension matrix, the {@code D} of the nonnegative LASSO, held in double
 * precision (the problem as given) and in single precision (for the batched products that select
 * working sets and check optimality).
 */
public final class DictionaryMatrix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int concepts;
    private final int dimension;
    final double[] data;
    /** Single-precision copy packed in panels for {@link Kernels#gemm}. */
    final float[] packed;
    /** The rows' squared norms and the largest norm, made on first use ({@link #norms}). */
    private transient volatile Norms norms;
    /**
     * The 16-bit copy for the products of one or a few targets, made once such products have been taken for
     * {@code WorkingSetLassoSolver.SCREEN_AFTER} targets without it ({@link #screensSmallBatch}).
     */
    private transient volatile ScreeningCopy screening;

    private DictionaryMatrix(int concepts, int dimension, double[] data) {
        this.concepts = concepts;
        this.dimension = dimension;
        this.data = data;
        this.packed = Kernels.pack(data, concepts, dimension);
    }

    /** The rows' squared norms ({@link Kernels#dot} of each row with itself) and the largest norm. */
    private record Norms(double[] squares, double max) {
    }

    /**
     * The norms, computed on first use with the kernels of that time ({@link Kernels#current}): inside a solver's
     * first large call they are the warmed-up ones; in a JVM that only solves a few targets, the scalar ones, which need
     * no warm-up. The bits are the same either way. Two threads may both compute them; the results are equal.
     */
    private Norms norms() {
        Norms n = norms;
        if (n == null) {
            double[] squares = new double[concepts];
            double max = 0;
            Kernels k = Kernels.current();
            for (int i = 0; i < concepts; i++) {
                squares[i] = k.dot(data, i * dimension, data, i * dimension, dimension);
                max = Math.max(max, Math.sqrt(squares[i]));
            }
            n = new Norms(squares, max);
            norms = n;
        }
        return n;
    }

    /** @return each row's squared norm (the array itself: not to be written) */
    double[] rowNormSq() {
        return norms().squares;
    }

    /** @return the largest row norm */
    double maxRowNorm() {
        return norms().max;
    }

    /**
     * Copies a matrix given as rows.
     * @param rows the concept rows, all of one length, finite
     * @param source a name for error messages (a file name or argument)
     * @return the matrix
     * @throws SpliceInputException if the rows are empty, ragged or not finite
     */
    public static DictionaryMatrix of(double[][] rows, String source) {
        if (rows.length == 0) {
            throw new SpliceInputException(source + ": the dictionary has no rows");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new SpliceInputException(source + ": the dictionary has no columns");
        }
        if ((long) rows.length * d > Integer.MAX_VALUE - 8) {
            throw new SpliceInputException(source + ": the dictionary is too large (" + rows.length
                    + " × " + d + ")");
        }
        double[] data = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new SpliceInputException(source + ": row " + i + " has " + rows[i].length
                        + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = rows[i][j];
                if (!Double.isFinite(v)) {
                    throw new SpliceInputException(source + ": non-finite value at row " + i + ", column " + j);
                }
                data[i * d + j] = v;
            }
        }
        return new DictionaryMatrix(rows.length, d, data);
    }

    /** The Gram matrix for certificates ({@link ConceptGram}), made once enough targets have been solved. */
    private transient volatile ConceptGram gram;
    /** Targets solved against this matrix; guarded by this. */
    private transient long gramTargets;
    /** Whether a solver has taken on making the Gram matrix; guarded by this. */
    private transient boolean gramClaimed;

    /** @return the Gram matrix ({@link ConceptGram}), or null while none has been made */
    ConceptGram gram() {
        return gram;
    }

    /** Counts targets solved against this matrix, towards its Gram matrix. */
    synchronized void countSolved(long targets) {
        gramTargets += targets;
    }

    /**
     * Says whether the caller is the one to make the Gram matrix: the first caller after {@code after} targets have
     * been solved.
     */
    synchronized boolean claimGram(long after) {
        if (gramClaimed || gramTargets < after) {
            return false;
        }
        gramClaimed = true;
        return true;
    }

    /** Publishes the Gram matrix made by the caller of {@link #claimGram}. */
    void gram(ConceptGram made) {
        gram = made;
    }

    /** Targets solved against this matrix in batches of one to three before its 16-bit copy was made; guarded by this. */
    private transient long smallBatchTargets;

    /**
     * Says whether a batch of one to three targets takes its products from the 16-bit copy ({@link #screening}): once
     * the copy exists, or once more than {@code after} targets (this batch's counted) have been solved in such batches
     * without it. Making the copy and compiling its kernel cost a fresh JVM about 0.2 s, which a run that solves one
     * embedding never earns back; a service that solves one at a time does after a few hundred.
     *
     * @param targets the batch's targets
     * @param after the targets in such batches after which the copy is made
     * @return whether the batch is screened by the copy
     */
    synchronized boolean screensSmallBatch(int targets, long after) {
        if (screening != null) {
            return true;
        }
        smallBatchTargets += targets;
        return smallBatchTargets > after;
    }

    /** @return whether the 16-bit copy ({@link #screening}) has been made */
    boolean hasScreeningCopy() {
        return screening != null;
    }

    /** @return the 16-bit copy of the dictionary ({@link ScreeningCopy}), made on the first call */
    ScreeningCopy screening() {
        ScreeningCopy copy = screening;
        if (copy == null) {
            // two threads may both make it; the copies are equal
            copy = ScreeningCopy.of(this);
            Kernels.warmUpScreening();
            screening = copy;
        }
        return copy;
    }

    /** @return the number of concepts (rows) */
    public int concepts() {
        return concepts;
    }

    /** @return the embedding dimension (columns) */
    public int dimension() {
        return dimension;
    }

    /**
     * @param i concept
     * @param j coordinate
     * @return the entry
     */
    public double get(int i, int j) {
        return data[i * dimension + j];
    }

    /**
     * @param i concept
     * @return a copy of row {@code i}
     */
    public double[] row(int i) {
        double[] out = new double[dimension];
        System.arraycopy(data, i * dimension, out, 0, dimension);
        return out;
    }

    /**
     * The exact inner product of a concept row with a vector.
     * @param i concept
     * @param v a vector of length {@link #dimension()}
     * @return {@code ⟨D_i, v⟩}
     */
    public double dot(int i, double[] v) {
        return Kernels.current().dot(data, i * dimension, v, 0, dimension);
    }

    /**
     * The combination {@code Dᵀw} of a sparse weight vector.
     * @param indices concept indices
     * @param weights their weights
     * @return a vector of length {@link #dimension()}
     */
    public double[] combine(int[] indices, double[] weights) {
        double[] out = new double[dimension];
        for (int p = 0; p < indices.length; p++) {
            double wp = weights[p];
            int off = indices[p] * dimension;
            for (int j = 0; j < dimension; j++) {
                out[j] += wp * data[off + j];
            }
        }
        return out;
    }
}
