package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.internal.InputChecks;
import io.github.splice4j.internal.Arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The exact CPU solver of the nonnegative LASSO, batched over many targets.
 *
 * <p>For a batch of targets it computes all correlations {@code D z} with one single-precision matrix
 * product (for a batch of one to three targets, once {@link #SCREEN_AFTER} targets have been solved in such batches
 * against the dictionary, from a 16-bit copy of it, {@link ScreeningCopy}: such a product is a pass over memory, and
 * the copy has half the bytes), takes the {@code initialWorkingSet} most
 * correlated concepts of each target (by their exact products) as its working set, and solves the small problem
 * restricted to that set in double precision (coordinate descent on Gram columns, built lazily in the first round
 * and as whole blocks once the set has grown, then an exact solve on the active set, which gives true zeros). The
 * residuals' products with every concept give each target's duality gap: from one more matrix product or, once the
 * dictionary's Gram matrix has been made ({@link Builder#gramBudget}) and for targets with at most {@code d / 8}
 * active concepts, from the kept products with z less the active concepts' Gram columns. Targets whose
 * relative gap is above the tolerance take in the concepts that violate the optimality conditions and
 * go round again. The approximate products only ever choose which exact products to compute: every number that
 * enters a solution or a certificate is recomputed in double precision, with a rigorous bound on the approximate
 * products' error deciding which concepts need it, so the reported gap is the gap of the problem as given and the
 * solution does not depend on how the approximate products were made.
 *
 * <p>Memory is {@code O(c·d + batch·c)} plus, for each target of a batch, the Gram matrix of its working
 * set (m × m for a working set of m concepts, which grows with the solution's size as λ falls; batches are sized so
 * that these stay within 64 MiB together, down to one target per batch, and the first batch of a call has at most
 * 32 targets); no
 * concepts × concepts matrix is formed beyond the Gram matrix, whose {@code 2·c²} bytes are bounded by the stated
 * budget (default {@link #DEFAULT_GRAM_BUDGET}, and at most a quarter of the maximum heap; 0 turns it off); the 16-bit
 * copy ({@code 2·c·d} bytes) is made by the batch of one to three targets that follows {@link #SCREEN_AFTER} such
 * targets. A JVM's first few targets, in small calls, are solved with scalar kernels that need no warm-up, later ones
 * with the Vector API kernels ({@link #prepare} warms those up ahead of a large job). Results are bit-identical for
 * the same input whatever the number of threads, the batch size, the kernels and whether the Gram matrix or the 16-bit
 * copy is used.
 */
public final class WorkingSetLassoSolver implements NonnegativeLassoSolver {
    private static final long serialVersionUID = 1L;
    /** The default relative duality-gap tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final int GEMM_PANELS_PER_TASK = 4;
    /**
     * The first batch of a call has at most this many targets: how large their working sets grow (with the solutions'
     * size as λ falls) is not known yet.
     */
    private static final int FIRST_BATCH = 32;
    /**
     * The bytes that the working-set Gram matrices of one batch's targets, which live together while the batch is
     * solved, may reach in all: after each batch, the next has as many targets as the last one's matrices would fit
     * in this (at least one, at most the batch size). At λ = 0.25 (working sets of about 40 concepts) that is the
     * whole batch size; where they grow to 600 concepts (up to 5.8 MB each with their room to grow), about 11.
     */
    private static final long WORKING_SETS_BUDGET = 64L << 20;
    /** Rows and columns per tile when the working set's Gram matrix is mirrored. */
    private static final int TRANSPOSE_TILE = 16;
    /**
     * Targets per call (or batch) up to which the 16-bit {@link ScreeningCopy} makes the products (a pass over memory
     * for each target, half the bytes) instead of the single-precision dictionary (one pass shared by the batch). A
     * larger batch keeps the single-precision products in its later rounds too, however few targets remain: it then
     * never makes the copy nor compiles its kernel.
     */
    private static final int SCREENED_TARGETS = 3;
    /**
     * The targets solved in batches of at most {@link #SCREENED_TARGETS} against a dictionary (from its single-precision
     * copy) after which the next such batch makes and uses the 16-bit copy ({@link DictionaryMatrix#screensSmallBatch}).
     * In a fresh JVM the copy of a 10,000-concept dictionary took 43–60 ms and its kernel's warm-up 135–164 ms, and the
     * first solve of one embedding 240–290 ms with them against 19–33 ms without; each later product from the copy
     * saves about 0.3 ms ({@code docs/PERFORMANCE.md}, "The 16-bit copy after 256 targets in batches of one to
     * three").
     */
    static final long SCREEN_AFTER = 256;
    /** The default budget of the Gram matrix of the dictionary ({@link Builder#gramBudget}): 256 MiB. */
    public static final long DEFAULT_GRAM_BUDGET = 256L << 20;
    /**
     * A target's certificate round reads Gram columns instead of taking a product over the dictionary while it has at
     * most {@code d / GRAM_COLUMNS_PER_DIMENSION} active concepts: reading {@code l0} columns of {@code c} 16-bit
     * integers costs less than its share of a batch product over the {@code c × d} dictionary while {@code l0} is a
     * small share of {@code d}.
     */
    private static final int GRAM_COLUMNS_PER_DIMENSION = 8;
    /**
     * A later round's working set of at least this many concepts gets its whole Gram matrix from the blocked kernel
     * ({@link Kernels#gram}); a smaller one's columns are extended when they are read ({@code Target.column}), as in
     * the first round. Solutions of about 8 or 20 concepts (λ = 0.25 or 0.18 on {@code splice generate}'s 20,000) kept
     * their sets below 80, so such solves never run the blocked kernel, and it is compiled (and warmed up,
     * {@link Kernels#warmUpGramBlocks}) only in a JVM that solves denser problems. The entries have the bits of one
     * {@link Kernels#dot} either way.
     */
    static final int GRAM_BLOCKS_FROM = 128;
    /**
     * A subproblem solved after violators were added is not polished while it has at least this many active concepts
     * (its factor costs a³/3): more rounds usually follow, and only the last one's solution needs to be exact.
     */
    private static final int POLISH_DEFERRED_FROM = 64;
    /**
     * The factor on the descent's tolerance for such a subproblem, and for the first exact solve of a set of that size:
     * the later rounds need only its violators, and the exact solve only its active set ({@code docs/PERFORMANCE.md},
     * "Dense solutions, and kernels called").
     */
    private static final double LOOSE = 10;
    /**
     * Coordinate descent on a working set of at least this many concepts extrapolates its iterates
     * ({@code Target.extrapolate}, Anderson acceleration as in Bertrand and Massias, 2021); smaller sets, as at
     * λ = 0.25, keep their path and bits.
     */
    private static final int ANDERSON_FROM = 64;
    /**
     * Differences of iterates per extrapolation (the iterates of this many sweeps and one more; then the next
     * extrapolation takes as many new ones). At λ = 0.05, in one JVM against none: 1.055× over eight pairs of passes
     * (range 1.00–1.07); in runs of three pairs, 3 and 4 gave 1.09–1.11×, 2 gave 1.04×, 5 and 10 gave 1.01× and 0.99×
     * ({@code docs/PERFORMANCE.md}, "Dense solutions, and kernels called").
     */
    private static final int ANDERSON_DEPTH = 4;
    /** The Gram matrix is made once this many targets per concept have been solved against the dictionary. */
    private static final int GRAM_AFTER_PER_CONCEPT = 4;
    /**
     * Within one call, the Gram matrix is made between batches only while at least this many targets per concept
     * remain ({@link #gram}).
     */
    private static final int GRAM_REMAINING_PER_CONCEPT = 8;

    private final double tolerance;
    private final int initialWorkingSet;
    private final int maxRounds;
    private final int maxSweeps;
    private final int batchSize;
    private final int threads;
    private final long gramBudget;
    private final transient int screenedTargets;
    private final transient long screenAfter;
    /** The targets after which the Gram matrix is made, if set for a test; else -1. */
    private final transient long gramAfterTargets;
    /**
     * The kernels given for a test, or those of a call (a copy of the solver made for it); {@code null}: chosen per call
     * ({@link Kernels#forTargets}).
     */
    private final transient Kernels kernels;
    /** The batch products' backend: {@code null} for the solver's own kernels. */
    private final transient Products products;

    /**
     * Another backend for the solver's batch products {@code out[i·c + j] = ⟨a_i, D_j⟩} in single precision, so
     * that a benchmark can compare one (ND4J's BLAS, in {@code splice-bench-nd4j}) on the whole pipeline. Its
     * results only choose concepts: every certificate is still recomputed in double precision, within the bound
     * {@code floatErrorBound}, which a float32 dot product of length d meets whatever its order of summation.
     */
    interface Products {
        /**
         * @param a the m × d row-major targets or residuals in single precision
         * @param out the m × c products, written
         */
        void multiply(float[] a, int m, DictionaryMatrix dictionary, float[] out);

        /** @return a short name for reports */
        String name();
    }

    private WorkingSetLassoSolver(Builder b) {
        this.tolerance = b.tolerance;
        this.initialWorkingSet = b.initialWorkingSet;
        this.maxRounds = b.maxRounds;
        this.maxSweeps = b.maxSweeps;
        this.batchSize = b.batchSize;
        this.threads = b.threads;
        this.screenedTargets = b.screenedTargets;
        this.screenAfter = b.screenAfter;
        this.gramBudget = b.gramBudget;
        this.gramAfterTargets = b.gramAfter;
        this.kernels = b.kernels;
        this.products = b.products;
    }

    /** This solver with the given kernels, for one call. */
    private WorkingSetLassoSolver(WorkingSetLassoSolver solver, Kernels kernels) {
        this.tolerance = solver.tolerance;
        this.initialWorkingSet = solver.initialWorkingSet;
        this.maxRounds = solver.maxRounds;
        this.maxSweeps = solver.maxSweeps;
        this.batchSize = solver.batchSize;
        this.threads = solver.threads;
        this.screenedTargets = solver.screenedTargets;
        this.screenAfter = solver.screenAfter;
        this.gramBudget = solver.gramBudget;
        this.gramAfterTargets = solver.gramAfterTargets;
        this.kernels = kernels;
        this.products = solver.products;
    }

    /** Restores the (transient) kernels after deserialisation. */
    private Object readResolve() {
        return builder().tolerance(tolerance).initialWorkingSet(initialWorkingSet).maxRounds(maxRounds)
                .batchSize(batchSize).threads(threads).gramBudget(gramBudget).build();
    }

    /** @return a solver with the default settings */
    public static WorkingSetLassoSolver create() {
        return builder().build();
    }

    /** @return a builder for a solver with non-default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the relative duality-gap tolerance */
    public double tolerance() {
        return tolerance;
    }

    /** @return the number of threads used */
    public int threads() {
        return threads;
    }

    /** @return the most bytes the dictionary's Gram matrix may take for this solver to make or use it */
    public long gramBudget() {
        return gramBudget;
    }

    /** @return the number of targets solved together */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String describe() {
        return "working-set(tolerance=" + tolerance + ", initialWorkingSet=" + initialWorkingSet
                + ", maxRounds=" + maxRounds + ", batch=" + batchSize + ", threads=" + threads
                + ", gramBudget=" + gramBudget
                + ", kernels=" + (kernels != null ? kernels : Kernels.chosen()).name()
                + (products == null ? "" : ", products=" + products.name()) + ")";
    }

    /**
     * With the default kernels and more targets than a JVM solves with the scalar kernels
     * ({@code Kernels.ColdStart}), warms the Vector API kernels up now (about 0.45 s on two cores, once per JVM),
     * which the first large call would otherwise do.
     */
    @Override
    public void prepare(long targets) {
        if (kernels == null && targets > Kernels.ColdStart.SCALAR_TARGETS) {
            Kernels.best();
        }
    }

    @Override
    public List<LassoResult> solve(DictionaryMatrix dictionary, double[][] targets, double[] lambdas,
                                   LassoResult[] warmStarts, ProgressListener progress) {
        if (lambdas.length != targets.length || (warmStarts != null && warmStarts.length != targets.length)) {
            throw new IllegalArgumentException("one λ (and warm start) per target");
        }
        for (double lambda : lambdas) {
            Penalty.lambda(lambda);
        }
        InputChecks.targets(dictionary, targets);
        WorkingSetLassoSolver call = kernels != null ? this
                : new WorkingSetLassoSolver(this, Kernels.forTargets(targets.length));
        return call.solveChecked(dictionary, targets, lambdas, warmStarts, progress);
    }

    /** {@link #solve} once its arguments have been checked, with this solver's kernels. */
    private List<LassoResult> solveChecked(DictionaryMatrix dictionary, double[][] targets, double[] lambdas,
                                           LassoResult[] warmStarts, ProgressListener progress) {
        List<LassoResult> out = new ArrayList<>(targets.length);
        SolverThreads pool = threads > 1 ? SolverThreads.of(threads) : null;
        // the batch × c products, allocated once per call and reused by every batch and round: with the Gram matrix,
        // the products with the targets are kept for the certificates and those with residuals go to a second buffer
        int rows = Math.max(1, Math.min(batchSize, targets.length));
        float[] batchProducts = new float[rows * dictionary.concepts()];
        float[] checkProducts = null;
        // the batch size: at first at most FIRST_BATCH, then as many as the working-set Gram matrices of the batch
        // before would fit in WORKING_SETS_BUDGET (they live together while a batch is solved), at most batchSize
        int size = Math.min(batchSize, FIRST_BATCH);
        for (int start = 0, end; start < targets.length; start = end) {
            end = Math.min(targets.length, start + size);
            ConceptGram gram = gram(pool, dictionary, start == 0
                    || targets.length - start >= GRAM_REMAINING_PER_CONCEPT * (long) dictionary.concepts());
            if (gram != null && checkProducts == null) {
                checkProducts = new float[rows * dictionary.concepts()];
            }
            Batch batch = solveBatch(pool, dictionary, gram, batchProducts,
                    gram == null ? batchProducts : checkProducts, Arrays.copyOfRange(targets, start, end),
                    Arrays.copyOfRange(lambdas, start, end),
                    warmStarts == null ? new LassoResult[end - start] : Arrays.copyOfRange(warmStarts, start, end));
            out.addAll(batch.results);
            long perTarget = Math.max(1, batch.workingSetBytes / (end - start));
            size = (int) Math.max(1, Math.min(batchSize, WORKING_SETS_BUDGET / perTarget));
            dictionary.countSolved(end - start);
            progress.progress(end, targets.length);
        }
        return out;
    }

    /**
     * The dictionary's Gram matrix if this solver may use it (when {@code 2·c²} bytes fit in the budget and in a
     * quarter of the maximum heap), made here if {@code mayMake} and {@link #GRAM_AFTER_PER_CONCEPT}{@code · c}
     * targets have been solved against the dictionary already. It costs about {@code c / 2} products of a batch and
     * spares each later target about one product, but the JIT then also spends a second or two recompiling the
     * solver's code for its other path. So it is made only after many targets, at the start of a call (a later call
     * of a job or a service), or within a call only while many targets remain ({@link #GRAM_REMAINING_PER_CONCEPT}).
     */
    private ConceptGram gram(SolverThreads pool, DictionaryMatrix dict, boolean mayMake) {
        long after = gramAfter(dict);
        if (after < 0) {
            return null;
        }
        if (mayMake && dict.claimGram(after)) {
            dict.gram(makeGram(pool, dict));
        }
        return dict.gram();
    }

    /**
     * When this solver makes (or starts using) the Gram matrix of a dictionary ({@link Builder#gramBudget}).
     *
     * @param dictionary the dictionary
     * @return the number of targets solved against it after which the matrix is made (at the start of the next call,
     *     or of the next batch while at least {@code 8·c} targets of the call remain), or -1 if it does not fit in the
     *     budget or in a quarter of the maximum heap
     */
    public long gramAfter(DictionaryMatrix dictionary) {
        long bytes = ConceptGram.bytes(dictionary.concepts());
        if (bytes > gramBudget || bytes > Runtime.getRuntime().maxMemory() / 4) {
            return -1;
        }
        return gramAfterTargets >= 0 ? gramAfterTargets : GRAM_AFTER_PER_CONCEPT * (long) dictionary.concepts();
    }

    /**
     * The Gram matrix from single-precision products of blocks of concepts with the concepts from the block on; the
     * entries before the block come from the earlier blocks' products (the matrix is symmetric), so it costs half of
     * {@code c} products.
     */
    private ConceptGram makeGram(SolverThreads pool, DictionaryMatrix dict) {
        int c = dict.concepts();
        int d = dict.dimension();
        int block = Math.min(c, 256);
        ConceptGram gram = new ConceptGram(dict, floatErrorPerNorm(dict));
        float[] rows = new float[block * d];
        float[] products = new float[block * c];
        int mirrorRows = 256;
        for (int from = 0; from < c; from += block) {
            int m = Math.min(block, c - from);
            for (int k = 0; k < m * d; k++) {
                rows[k] = (float) dict.data[from * d + k];
            }
            int firstPanel = from / Kernels.PANEL;
            gemm(pool, rows, m, dict, products, false, firstPanel);
            int first = from;
            int after = from + m;
            int mirrorTasks = (c - after + mirrorRows - 1) / mirrorRows;
            parallelFor(pool, m + mirrorTasks, task -> {
                if (task < m) {
                    gram.fillColumn(first + task, products, task * c, first);
                } else {
                    int lo = after + (task - m) * mirrorRows;
                    gram.fillMirrored(lo, Math.min(c, lo + mirrorRows), products, first, m);
                }
            });
        }
        Kernels.warmUpGramColumns();
        return gram;
    }

    /** A batch's results, and the bytes its targets' working-set Gram matrices reached in all. */
    private record Batch(List<LassoResult> results, long workingSetBytes) {
    }

    private Batch solveBatch(SolverThreads pool, DictionaryMatrix dict, ConceptGram gram, float[] correlations,
                             float[] checkProducts, double[][] targets, double[] lambdas, LassoResult[] warm) {
        int n = targets.length;
        int c = dict.concepts();
        int d = dict.dimension();
        Target[] states = new Target[n];
        // a warm start with a support needs no correlations; the others start cold
        int[] cold = java.util.stream.IntStream.range(0, n)
                .filter(i -> warm[i] == null || warm[i].l0() == 0).toArray();
        boolean screened = n <= screenedTargets && dict.screensSmallBatch(n, screenAfter);
        double coldError = 0;
        if (cold.length > 0) {
            float[] zf = new float[cold.length * d];
            for (int t = 0; t < cold.length; t++) {
                for (int j = 0; j < d; j++) {
                    zf[t * d + j] = (float) targets[cold[t]][j];
                }
            }
            coldError = gemm(pool, zf, cold.length, dict, correlations, screened);
        }
        int[] coldSlot = new int[n];
        Arrays.fill(coldSlot, -1);
        for (int t = 0; t < cold.length; t++) {
            coldSlot[cold[t]] = t;
        }
        double startError = coldError;
        parallelFor(pool, n, i -> {
            states[i] = new Target(dict, targets[i], lambdas[i]);
            if (coldSlot[i] >= 0) {
                states[i].start(correlations, coldSlot[i] * c, startError);
            } else {
                states[i].startWarm(warm[i]);
            }
        });
        while (true) {
            int[] active = java.util.stream.IntStream.range(0, n).filter(i -> states[i].result == null).toArray();
            if (active.length == 0) {
                break;
            }
            // the targets whose certificate takes a product over the dictionary come first, then those that read
            // Gram columns; each writes its residual products into its own row of checkProducts
            int[] order = new int[active.length];
            int byProduct = 0;
            int byGram = active.length;
            for (int i : active) {
                if (states[i].readsGram(gram)) {
                    order[--byGram] = i;
                } else {
                    order[byProduct++] = i;
                }
            }
            double error = 0;
            if (byProduct > 0) {
                float[] rf = new float[byProduct * d];
                for (int t = 0; t < byProduct; t++) {
                    double[] r = states[order[t]].residual;
                    for (int j = 0; j < d; j++) {
                        rf[t * d + j] = (float) r[j];
                    }
                }
                error = gemm(pool, rf, byProduct, dict, checkProducts, screened);
            }
            double errorPerNorm = error;
            int products = byProduct;
            parallelFor(pool, active.length, t -> {
                Target s = states[order[t]];
                if (t < products) {
                    s.check(checkProducts, t * c, errorPerNorm * Math.sqrt(s.rr));
                } else {
                    s.checkFromGram(gram, correlations, checkProducts, t * c);
                }
            });
        }
        List<LassoResult> results = new ArrayList<>(n);
        long workingSetBytes = 0;
        for (Target s : states) {
            results.add(s.result);
            // its columns have room for up to twice the set's size
            workingSetBytes += 16L * s.m * s.m;
        }
        return new Batch(results, workingSetBytes);
    }

    /**
     * The products {@code out[i·c + j] ≈ ⟨a_i, D_j⟩} of m targets or residuals in single precision with every concept.
     *
     * @param screened whether to make them from the 16-bit copy
     * @return a bound on each product's error per unit norm of its target or residual
     */
    private double gemm(SolverThreads pool, float[] a, int m, DictionaryMatrix dict, float[] out, boolean screened) {
        return gemm(pool, a, m, dict, out, screened, 0);
    }

    /** As {@link #gemm(SolverThreads, float[], int, DictionaryMatrix, float[], boolean)}, from panel {@code firstPanel} on. */
    private double gemm(SolverThreads pool, float[] a, int m, DictionaryMatrix dict, float[] out, boolean screened,
                        int firstPanel) {
        if (products != null) {
            products.multiply(a, m, dict, out);
            return floatErrorPerNorm(dict);
        }
        int c = dict.concepts();
        int d = dict.dimension();
        int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL - firstPanel;
        int tasks = (panels + GEMM_PANELS_PER_TASK - 1) / GEMM_PANELS_PER_TASK;
        ScreeningCopy copy = screened ? dict.screening() : null;
        float[] interleaved = screened ? null : Kernels.interleave(a, m, d);
        parallelFor(pool, tasks, task -> {
            int from = firstPanel + task * GEMM_PANELS_PER_TASK;
            int to = Math.min(firstPanel + panels, from + GEMM_PANELS_PER_TASK);
            if (copy == null) {
                kernels.gemm(a, interleaved, m, d, dict.packed, from, to, out, c);
            } else {
                for (int i = 0; i < m; i++) {
                    kernels.screen(a, i * d, d, copy.packed, copy.scale, from, to, out, i * c, c);
                }
            }
        });
        return copy == null ? floatErrorPerNorm(dict) : copy.errorPerNorm;
    }

    /** Runs {@code body} for every index below n: on the solver's threads, or on the caller alone. */
    private static void parallelFor(SolverThreads pool, int n, IntConsumer body) {
        if (pool == null) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else {
            pool.forEach(n, body);
        }
    }

    /**
     * A bound, per unit norm of {@code v}, on the error of a single-precision product {@code ⟨D_i, v⟩} against the
     * exact one: the rounding of {@code v} and {@code D} to float plus at most {@code d} accumulated roundings.
     */
    static double floatErrorPerNorm(DictionaryMatrix dict) {
        return (dict.dimension() + 3) * UNIT_ROUNDOFF * 1.01 * dict.maxRowNorm();
    }

    /** @return whether (product x, concept i) comes before (y, j): a larger product, or an equal one and a lower index */
    private static boolean before(double x, int i, double y, int j) {
        return x > y || (x == y && i < j);
    }

    /**
     * The positions {@code 0 ≤ p < count} in decreasing {@code products[p]}, ties to the lower {@code concepts[p]}
     * ({@link #before}; the concepts are distinct, so the order is unique): a merge sort of primitive arrays, runs of
     * up to eight first sorted by insertion. (Boxed positions with a comparator went through {@code TimSort},
     * which C2 compiled and recompiled for each comparator it met.)
     */
    static int[] byDecreasingProduct(double[] products, int[] concepts, int count) {
        int[] order = new int[count];
        for (int p = 0; p < count; p++) {
            order[p] = p;
        }
        int run = 8;
        for (int lo = 0; lo < count; lo += run) {
            int hi = Math.min(count, lo + run);
            for (int k = lo + 1; k < hi; k++) {
                int p = order[k];
                int q = k;
                while (q > lo && before(products[p], concepts[p], products[order[q - 1]], concepts[order[q - 1]])) {
                    order[q] = order[q - 1];
                    q--;
                }
                order[q] = p;
            }
        }
        int[] from = order;
        int[] to = new int[count];
        for (int width = run; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                int mid = Math.min(count, lo + width);
                int hi = Math.min(count, lo + 2 * width);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (b >= hi || (a < mid
                            && !before(products[from[b]], concepts[from[b]], products[from[a]], concepts[from[a]]))) {
                        to[k] = from[a++];
                    } else {
                        to[k] = from[b++];
                    }
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** The working state of one target while it is being solved. */
    private final class Target {
        private final DictionaryMatrix dict;
        private final double[] z;
        /** The dictionary's squared row norms (the diagonal of the Gram matrix). */
        private final double[] normSq;
        private final double lambda;
        private final int d;
        private int m;
        private int[] set = new int[0];
        private double[] b = new double[0];
        private double[] w = new double[0];
        private double[] q = new double[0];
        private double[][] cols = new double[0][];
        /**
         * How many leading entries of each column of {@link #cols} are known; a column's array has room for more (it
         * grows to twice the set's size when it must grow), so that later rounds extend it in place.
         */
        private int[] filled = new int[0];
        /** The polish's matrix and factor, reused (grown when a larger active set needs it). */
        private double[] cholScratch = new double[0];
        /** The active set of the last polish that failed: polishing it again would fail again. */
        private int[] failedActive = new int[0];
        private double[] residual;
        private double rr;
        private double rz;
        private double l1;
        private double lambdaMax;
        private int rounds;
        /** The last iterates of coordinate descent, for {@link #extrapolate}. */
        private double[][] iterates;
        /** Their products with the set's Gram matrix. */
        private double[][] iterateProducts;
        /** How many of {@link #iterates} the current descent has stored since its last extrapolation. */
        private int storedIterates;
        /** Whether the last subproblem's solution was polished (made exact on its active set). */
        private boolean polished;
        /** Where the approximate products {@code ⟨D_i, z⟩} of a cold start are kept, or -1 (a warm start). */
        private int zProducts = -1;
        private double zNorm;
        /** A bound on the error of each of those products. */
        private double zBound;
        private LassoResult result;
        /** The indices found by the last scan of {@link #atLeast}, and how many. */
        private int[] hits = new int[64];
        private int hitCount;

        Target(DictionaryMatrix dict, double[] z, double lambda) {
            this.dict = dict;
            this.z = z;
            this.normSq = dict.rowNormSq();
            this.lambda = lambda;
            this.d = dict.dimension();
        }

        /** Exact maximum of ⟨D_i, v⟩ over all concepts, from approximate products within {@code bound} of the exact. */
        private double exactMax(float[] approx, int off, double[] v, double bound) {
            int c = dict.concepts();
            float best = kernels.max(approx, off, c);
            float min = Kernels.ceilToFloat(best - 2 * bound);
            int[] candidates = atLeast(approx, off, min);
            return exactMaxAmong(approx, off, candidates, hitCount, min, v);
        }

        /**
         * The largest exact ⟨D_i, v⟩ over the first {@code count} candidates whose approximate product is ≥ min: their
         * products four rows at a time ({@link #dotsWithRows}, the bits of one {@link Kernels#dot} each), whose
         * independent chains keep more of the rows' loads in flight than one product after another.
         */
        private double exactMaxAmong(float[] approx, int off, int[] candidates, int count, float min, double[] v) {
            int[] chosen = new int[count];
            int n = 0;
            for (int k = 0; k < count; k++) {
                if (approx[off + candidates[k]] >= min) {
                    chosen[n++] = candidates[k];
                }
            }
            double[] products = new double[n];
            dotsWithRows(v, 0, chosen, n, products, 0);
            double max = Double.NEGATIVE_INFINITY;
            for (double product : products) {
                max = Math.max(max, product);
            }
            return max;
        }

        /**
         * The concepts whose approximate product is at least {@code min}, in increasing order: the first
         * {@link #hitCount} entries of the returned array (reused, grown when a scan finds more).
         */
        private int[] atLeast(float[] approx, int off, float min) {
            int c = dict.concepts();
            hitCount = kernels.atLeast(approx, off, c, min, hits);
            if (hitCount > hits.length) {
                hits = new int[hitCount];
                kernels.atLeast(approx, off, c, min, hits);
            }
            return hits;
        }

        /**
         * Starts from the {@code initialWorkingSet} concepts with the largest exact products {@code ⟨D_i, z⟩} (ties to
         * the lower index), in that order: the set and its order do not depend on how the approximate products were
         * made, nor, therefore, does the solution.
         */
        void start(float[] correlations, int off, double errorPerNorm) {
            zNorm = Math.sqrt(kernels.dot(z, 0, z, 0, d));
            double bound = errorPerNorm * zNorm;
            zProducts = off;
            zBound = bound;
            int c = dict.concepts();
            int k = Math.min(initialWorkingSet, c);
            int[] top = TopK.select(correlations, off, c, k + 1, kernels);
            // The k concepts of the approximate top k have exact products of at least its k-th value K less the
            // bound, so every concept among the exact top k (and the largest) has an approximate product of at least
            // K less two bounds: almost always the k alone, else one scan finds them all.
            float floor = Kernels.ceilToFloat(correlations[off + top[k - 1]] - 2 * bound);
            int[] candidates = top;
            int count = k;
            if (top.length > k && correlations[off + top[k]] >= floor) {
                candidates = atLeast(correlations, off, floor);
                count = hitCount;
            }
            double[] exact = new double[count];
            dotsWithRows(z, 0, candidates, count, exact, 0);
            int[] order = byDecreasingProduct(exact, candidates, count);
            double maxCorr = exact[order[0]];
            lambdaMax = Math.max(0.0, 2 * maxCorr);
            if (lambda >= lambdaMax) {
                residual = z;
                rr = zNorm * zNorm;
                rz = rr;
                l1 = 0;
                finish(maxCorr, true);
                return;
            }
            int[] chosen = new int[k];
            double[] chosenProducts = new double[k];
            for (int p = 0; p < k; p++) {
                chosen[p] = candidates[order[p]];
                chosenProducts[p] = exact[order[p]];
            }
            addToSet(chosen, k, chosenProducts);
            solveSubproblem(true);
        }

        /** Starts from an earlier solution of the same target (its support and weights). */
        void startWarm(LassoResult warm) {
            lambdaMax = warm.lambdaMax();
            if (lambda >= lambdaMax) {
                residual = z;
                rr = kernels.dot(z, 0, z, 0, d);
                rz = rr;
                l1 = 0;
                finish(lambdaMax / 2, true);
                return;
            }
            int[] idx = warm.indices();
            double[] val = warm.weights();
            addToSet(idx, idx.length, null);
            System.arraycopy(val, 0, w, 0, idx.length);
            Arrays.fill(q, 0.0);
            for (int p = 0; p < m; p++) {
                double[] col = column(p);
                for (int t = 0; t < m; t++) {
                    q[t] += w[p] * col[t];
                }
            }
            solveSubproblem(false);
        }

        /** @return whether this target's next certificate round reads columns of {@code gram} (null: none) */
        boolean readsGram(ConceptGram gram) {
            return gram != null && zProducts >= 0 && l0() * GRAM_COLUMNS_PER_DIMENSION <= d;
        }

        /**
         * A certificate round whose residual products come from the kept products with z and the Gram columns of the
         * active concepts ({@link ConceptGram#residualProducts}), written to {@code out[off ..]}.
         */
        void checkFromGram(ConceptGram gram, float[] zp, float[] out, int off) {
            int count = l0();
            int[] concepts = new int[count];
            double[] weights = new double[count];
            active(concepts, weights);
            check(out, off, gram.residualProducts(kernels, dict, zp, zProducts, zNorm, zBound, concepts, weights,
                    count, out, off));
        }

        /** A certificate round from approximate residual products {@code rc[off + i]}, each within {@code bound}. */
        void check(float[] rc, int off, double bound) {
            rounds++;
            double threshold = lambda / 2 - bound;
            float violatorMin = Kernels.floatAbove(threshold);
            // One scan collects the concepts within three bounds of λ/2. Where the largest product is near λ/2 (as
            // the support's are at the optimum), they hold every candidate for the exact maximum (within two bounds
            // of the largest, which is among them) and every possible violator: the two conditions are checked
            // below, and otherwise the maximum and the violators take their own scans over all c.
            float low = Kernels.ceilToFloat(lambda / 2 - 3 * bound);
            int[] near = atLeast(rc, off, low);
            int nearCount = hitCount;
            float best = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < nearCount; k++) {
                best = Math.max(best, rc[off + near[k]]);
            }
            float cut = Kernels.ceilToFloat(best - 2 * bound);
            boolean collected = nearCount > 0 && cut >= low && violatorMin >= low;
            double maxCorr;
            if (collected) {
                near = Arrays.copyOf(near, nearCount);
                maxCorr = exactMaxAmong(rc, off, near, nearCount, cut, residual);
            } else {
                maxCorr = exactMax(rc, off, residual, bound);
            }
            double gap = DualityGap.gap(rr, rz, l1, maxCorr, lambda);
            double primal = rr + lambda * l1;
            if (gap <= tolerance * primal) {
                finish(maxCorr, true);
                return;
            }
            // concepts outside the set that violate 2⟨D_i, r⟩ ≤ λ, recomputed exactly
            if (!collected) {
                near = Arrays.copyOf(atLeast(rc, off, violatorMin), hitCount);
            }
            // the set's concepts in increasing order, to look the candidates up (not a flag per concept: c bytes a
            // target were 198 MB of the 1.68 GB that a 20,000-embedding solve allocated)
            int[] sortedSet = Arrays.copyOf(set, m);
            Arrays.sort(sortedSet);
            int[] outside = new int[near.length];
            int count = 0;
            for (int i : near) {
                if (rc[off + i] >= violatorMin && Arrays.binarySearch(sortedSet, i) < 0) {
                    outside[count++] = i;
                }
            }
            // their exact products with the residual: of those that can be among the cap largest only
            int cap = Math.max(16, m);
            count = largestOnly(rc, off, outside, count, cap, bound);
            double[] exact = new double[count];
            dotsWithRows(residual, 0, outside, count, exact, 0);
            int violators = 0;
            for (int v = 0; v < count; v++) {
                if (2 * exact[v] > lambda) {
                    exact[violators] = exact[v];
                    outside[violators++] = outside[v];
                }
            }
            if (violators == 0 && !polished && rounds < maxRounds) {
                solveSubproblem(false);
                return;
            }
            if (violators == 0 || rounds >= maxRounds) {
                finish(maxCorr, false);
                return;
            }
            int[] order = byDecreasingProduct(exact, outside, violators);
            int add = Math.min(violators, cap);
            int[] extra = new int[add];
            for (int p = 0; p < add; p++) {
                extra[p] = outside[order[p]];
            }
            addToSet(extra, add, null);
            solveSubproblem(true);
        }

        /**
         * Keeps, of the first {@code count} candidates (in increasing order), those whose exact product can be among
         * the {@code cap} largest: each approximate product is within {@code bound} of its exact one, so where T is the
         * cap-th largest approximate product, the cap candidates from T up have exact products of at least T less the
         * bound, and a candidate below T less two bounds has a smaller one than all of them. If those cap are all
         * violators, the cap largest violators are among the kept; if one is not, no candidate below it violates, and
         * every violator is kept. Either way the violators added (the cap largest, by exact product) are the same as
         * from all the candidates.
         *
         * @return how many are kept, moved to the front of {@code candidates} in the same order
         */
        private int largestOnly(float[] rc, int off, int[] candidates, int count, int cap, double bound) {
            if (count <= cap) {
                return count;
            }
            float[] approx = new float[count];
            for (int k = 0; k < count; k++) {
                approx[k] = rc[off + candidates[k]];
            }
            double floor = (double) TopK.kthLargest(approx, cap) - 2 * bound;
            int kept = 0;
            for (int k = 0; k < count; k++) {
                int i = candidates[k];
                if (rc[off + i] >= floor) {
                    candidates[kept++] = i;
                }
            }
            return kept;
        }

        /**
         * Adds concepts to the working set.
         *
         * @param products their exact products with z when already computed ({@link #dotsWithRows}), else null
         */
        private void addToSet(int[] concepts, int count, double[] products) {
            int newM = m + count;
            set = Arrays.copyOf(set, newM);
            b = Arrays.copyOf(b, newM);
            w = Arrays.copyOf(w, newM);
            q = Arrays.copyOf(q, newM);
            cols = Arrays.copyOf(cols, newM);
            filled = Arrays.copyOf(filled, newM);
            for (int p = 0; p < count; p++) {
                int concept = concepts[p];
                set[m + p] = concept;
            }
            // b = D_set · z for the new concepts
            if (products != null) {
                System.arraycopy(products, 0, b, m, count);
            } else {
                dotsWithRows(z, 0, concepts, count, b, m);
            }
            int oldM = m;
            m = newM;
            if (oldM > 0) {
                extendGram(oldM);
            }
            for (int t = oldM; t < m; t++) {
                double s = 0;
                for (int p = 0; p < oldM; p++) {
                    if (w[p] > 0) {
                        s += w[p] * column(p)[t];
                    }
                }
                q[t] = s;
            }
        }

        /**
         * After a later round has added concepts {@code oldM ≤ t < m}: the whole Gram matrix of a working set of at
         * least {@link #GRAM_BLOCKS_FROM} concepts, its new columns in one blocked product ({@link Kernels#gram}). In
         * the first round, and for smaller sets, columns are built only for concepts that become active
         * ({@link #column}); in later rounds a dense solution's set has grown by many concepts at once and most columns
         * are needed. Every entry has the bits of one {@link Kernels#dot}, however it was computed.
         */
        private void extendGram(int oldM) {
            if (m < GRAM_BLOCKS_FROM) {
                return;
            }
            if (!(kernels instanceof ScalarKernels)) {
                Kernels.warmUpGramBlocks();
            }
            int newM = m;
            m = oldM;
            for (int p = 0; p < oldM; p++) {
                column(p);
            }
            m = newM;
            double[][] grown = cols;
            for (int p = 0; p < m; p++) {
                grown[p] = withRoom(grown[p]);
            }
            // the old columns' new entries; then the new columns four at a time, each from its own first entry on
            // (the matrix is symmetric: the entries above come from the columns before)
            kernels.gram(dict.data, d, set, 0, oldM, oldM, m, grown);
            for (int t = oldM; t < m; t += 4) {
                kernels.gram(dict.data, d, set, t, Math.min(m, t + 4), t, m, grown);
            }
            // the new columns' entries above their group of four from the columns before, in tiles: each column read
            // or written stays in the cache for a whole tile
            for (int t0 = oldM; t0 < m; t0 += TRANSPOSE_TILE) {
                int t1 = Math.min(m, t0 + TRANSPOSE_TILE);
                for (int p0 = 0; p0 < t1; p0 += TRANSPOSE_TILE) {
                    int p1 = Math.min(t1, p0 + TRANSPOSE_TILE);
                    for (int t = t0; t < t1; t++) {
                        double[] row = grown[t];
                        int above = Math.min(p1, oldM + (t - oldM) / 4 * 4);
                        for (int p = p0; p < above; p++) {
                            row[p] = grown[p][t];
                        }
                    }
                }
            }
            Arrays.fill(filled, 0, m, m);
        }

        /** @return {@code col}, or a copy of it with room for {@link #m} entries (twice that), or a new array */
        private double[] withRoom(double[] col) {
            if (col != null && col.length >= m) {
                return col;
            }
            return col == null ? new double[2 * m] : Arrays.copyOf(col, 2 * m);
        }

        /**
         * Column {@code p} of the Gram matrix of the working set, extended to the current set: its first {@link #m}
         * entries (the array may be longer).
         */
        private double[] column(int p) {
            int have = filled[p];
            if (have == m) {
                return cols[p];
            }
            double[] col = withRoom(cols[p]);
            int[] missing = new int[m - have];
            int[] missingConcepts = new int[m - have];
            int count = 0;
            for (int t = have; t < m; t++) {
                double[] other = cols[t];
                if (other != null && filled[t] > p) {
                    col[t] = other[p];
                } else {
                    missing[count] = t;
                    missingConcepts[count++] = set[t];
                }
            }
            double[] products = new double[count];
            dotsWithRows(dict.data, set[p] * d, missingConcepts, count, products, 0);
            for (int k = 0; k < count; k++) {
                col[missing[k]] = products[k];
            }
            cols[p] = col;
            filled[p] = m;
            return col;
        }

        /**
         * {@code out[outOff + k] = ⟨v[vOff ..], D_concepts[k]⟩} for {@code k < count}, four concepts at a time sharing
         * the loads of {@code v} ({@link Kernels#dot4}: the same bits as one {@link Kernels#dot} each).
         */
        private void dotsWithRows(double[] v, int vOff, int[] concepts, int count, double[] out, int outOff) {
            int k = 0;
            for (; k + 4 <= count; k += 4) {
                kernels.dot4(v, vOff, dict.data, concepts[k] * d, concepts[k + 1] * d, concepts[k + 2] * d,
                        concepts[k + 3] * d, d, out, outOff + k);
            }
            for (; k < count; k++) {
                out[outOff + k] = kernels.dot(v, vOff, dict.data, concepts[k] * d, d);
            }
        }

        /**
         * Solves the subproblem on the working set: by coordinate descent, then exactly on its active set
         * ({@link #polish}), or, where {@code mayDefer} and the set has at least {@link #POLISH_DEFERRED_FROM} active
         * concepts, by a looser descent alone ({@link #polished} false: the next certificate round finds violators to
         * add, or, finding none, has this solved exactly); then the residual.
         */
        private void solveSubproblem(boolean mayDefer) {
            double scale = Math.sqrt(kernels.dot(z, 0, z, 0, d));
            double tol = 1e-6 * scale;
            if (mayDefer && m >= POLISH_DEFERRED_FROM) {
                coordinateDescent(tol * LOOSE);
                if (l0() >= POLISH_DEFERRED_FROM) {
                    polished = false;
                    updateResidual();
                    return;
                }
            }
            polished = true;
            boolean done = !mayDefer && m >= POLISH_DEFERRED_FROM && polishAfter(tol * LOOSE);
            for (int attempt = 0; attempt < 3 && !done; attempt++, tol *= 1e-3) {
                done = polishAfter(tol);
            }
            updateResidual();
        }

        /** Coordinate descent to {@code tol}, then {@link #polish}: whether it succeeded. */
        private boolean polishAfter(double tol) {
            coordinateDescent(tol);
            return polish();
        }

        private void coordinateDescent(double tol) {
            storedIterates = 0;
            for (int sweep = 0; sweep < maxSweeps; sweep++) {
                double maxStep = 0;
                for (int p = 0; p < m; p++) {
                    double diag = normSq[set[p]];
                    if (diag <= 0) {
                        continue;
                    }
                    double grad = 2 * (q[p] - b[p]) + lambda;
                    double wp = w[p];
                    if (wp == 0 && grad >= 0) {
                        continue;
                    }
                    double nw = Math.max(0.0, wp - grad / (2 * diag));
                    double delta = nw - wp;
                    if (delta != 0) {
                        double[] col = column(p);
                        for (int t = 0; t < m; t++) {
                            q[t] += delta * col[t];
                        }
                        w[p] = nw;
                        maxStep = Math.max(maxStep, Math.abs(delta) * Math.sqrt(diag));
                    }
                }
                if (maxStep <= tol) {
                    return;
                }
                if (m >= ANDERSON_FROM) {
                    if (iterates == null || iterates[0].length < m) {
                        iterates = new double[ANDERSON_DEPTH + 1][m];
                        iterateProducts = new double[ANDERSON_DEPTH + 1][m];
                    }
                    System.arraycopy(w, 0, iterates[storedIterates], 0, m);
                    System.arraycopy(q, 0, iterateProducts[storedIterates], 0, m);
                    if (++storedIterates == ANDERSON_DEPTH + 1) {
                        extrapolate();
                        storedIterates = 0;
                    }
                }
            }
        }

        /**
         * Anderson extrapolation of the last {@link #ANDERSON_DEPTH} + 1 iterates of coordinate descent: the affine
         * combination whose differences are smallest, kept if it stays nonnegative and lowers the objective. Its
         * products with the set's Gram matrix are the same combination of the iterates' (they are linear in w).
         */
        private void extrapolate() {
            int k = ANDERSON_DEPTH;
            double[][] diff = new double[k][m];
            for (int i = 0; i < k; i++) {
                double[] next = iterates[i + 1];
                double[] prev = iterates[i];
                for (int t = 0; t < m; t++) {
                    diff[i][t] = next[t] - prev[t];
                }
            }
            double[] gram = new double[k * k];
            double trace = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = kernels.dot(diff[i], 0, diff[j], 0, m);
                    gram[i * k + j] = sum;
                    gram[j * k + i] = sum;
                }
                trace += gram[i * k + i];
            }
            if (!(trace > 0)) {
                return;
            }
            for (int i = 0; i < k; i++) {
                gram[i * k + i] += 1e-10 * trace;
            }
            double[] c = new double[k];
            Arrays.fill(c, 1.0);
            if (!Cholesky.solveInPlace(gram, k, c, kernels)) {
                return;
            }
            double total = 0;
            for (double v : c) {
                total += v;
            }
            if (!(Math.abs(total) > 0)) {
                return;
            }
            double[] we = new double[m];
            double[] qe = new double[m];
            for (int i = 0; i < k; i++) {
                double ci = c[i] / total;
                double[] wi = iterates[i + 1];
                double[] qi = iterateProducts[i + 1];
                for (int t = 0; t < m; t++) {
                    we[t] += ci * wi[t];
                    qe[t] += ci * qi[t];
                }
            }
            double now = 0;
            double then = 0;
            for (int t = 0; t < m; t++) {
                if (we[t] < 0) {
                    return;
                }
                now += w[t] * (q[t] - 2 * b[t] + lambda);
                then += we[t] * (qe[t] - 2 * b[t] + lambda);
            }
            if (then < now) {
                System.arraycopy(we, 0, w, 0, m);
                System.arraycopy(qe, 0, q, 0, m);
            }
        }

        /**
         * Solves the optimality conditions exactly on the current active set; accepts the solution if
         * it is strictly positive there and satisfies the conditions on the rest of the working set.
         */
        private boolean polish() {
            int a = 0;
            int[] act = new int[m];
            for (int p = 0; p < m; p++) {
                if (w[p] > 0) {
                    act[a++] = p;
                }
            }
            if (a == 0) {
                for (int p = 0; p < m; p++) {
                    if (2 * (q[p] - b[p]) + lambda < 0) {
                        return false;
                    }
                }
                return true;
            }
            // the active set of the last polish that failed would fail again: checked before its matrix is gathered
            if (Arrays.equals(act, 0, a, failedActive, 0, failedActive.length)) {
                return false;
            }
            if (cholScratch.length < a * a + Cholesky.PADDING) {
                cholScratch = new double[Math.max(a * a + Cholesky.PADDING, 2 * cholScratch.length)];
            }
            // the factor's lower triangle only is written and read: what the scratch held before does not matter
            double[] chol = cholScratch;
            double[] x = new double[a];
            boolean byColumns = Cholesky.columnMajor(a);
            for (int i = 0; i < a; i++) {
                double[] col = column(act[i]);
                for (int j = 0; j <= i; j++) {
                    chol[byColumns ? j * a + i : i * a + j] = col[act[j]];
                }
                x[i] = b[act[i]] - lambda / 2;
            }
            failedActive = Arrays.copyOf(act, a);
            if (!(byColumns ? Cholesky.solveColumnMajor(chol, a, x, kernels) : Cholesky.solveInPlace(chol, a, x, kernels))) {
                return false;
            }
            for (double v : x) {
                if (!(v > 0)) {
                    return false;
                }
            }
            double[] nq = new double[m];
            for (int i = 0; i < a; i++) {
                double[] col = column(act[i]);
                for (int t = 0; t < m; t++) {
                    nq[t] += x[i] * col[t];
                }
            }
            double slack = 1e-12 * Math.max(1.0, lambda);
            int i = 0;
            for (int p = 0; p < m; p++) {
                if (i < a && act[i] == p) {
                    i++;
                } else if (2 * (nq[p] - b[p]) + lambda < -slack) {
                    return false;
                }
            }
            Arrays.fill(w, 0.0);
            for (int k = 0; k < a; k++) {
                w[act[k]] = x[k];
            }
            q = nq;
            failedActive = new int[0];
            return true;
        }

        private void updateResidual() {
            // in place, unless it is still z itself (a target whose weights were all zero)
            double[] r = residual == null || residual == z ? new double[d] : residual;
            System.arraycopy(z, 0, r, 0, d);
            double s = 0;
            // the active concepts four at a time: each entry of r still takes their terms one after another in the
            // set's order (the same bits), and four rows stream at once
            int[] rows = new int[4];
            double[] weights = new double[4];
            int pending = 0;
            double[] data = dict.data;
            for (int p = 0; p < m; p++) {
                double wp = w[p];
                if (wp > 0) {
                    s += wp;
                    rows[pending] = set[p] * d;
                    weights[pending++] = wp;
                    if (pending == 4) {
                        int o0 = rows[0];
                        int o1 = rows[1];
                        int o2 = rows[2];
                        int o3 = rows[3];
                        double w0 = weights[0];
                        double w1 = weights[1];
                        double w2 = weights[2];
                        double w3 = weights[3];
                        for (int j = 0; j < d; j++) {
                            double v = r[j] - w0 * data[o0 + j];
                            v -= w1 * data[o1 + j];
                            v -= w2 * data[o2 + j];
                            r[j] = v - w3 * data[o3 + j];
                        }
                        pending = 0;
                    }
                }
            }
            for (int k = 0; k < pending; k++) {
                int off = rows[k];
                double wk = weights[k];
                for (int j = 0; j < d; j++) {
                    r[j] -= wk * data[off + j];
                }
            }
            residual = r;
            l1 = s;
            rr = kernels.dot(r, 0, r, 0, d);
            rz = kernels.dot(r, 0, z, 0, d);
        }

        /** @return how many concepts of the working set have a positive weight */
        private int l0() {
            int l0 = 0;
            for (int p = 0; p < m; p++) {
                if (w[p] > 0) {
                    l0++;
                }
            }
            return l0;
        }

        /** Writes the concepts with a positive weight and their weights, in the working set's order. */
        private void active(int[] concepts, double[] weights) {
            int k = 0;
            for (int p = 0; p < m; p++) {
                if (w[p] > 0) {
                    concepts[k] = set[p];
                    weights[k++] = w[p];
                }
            }
        }

        private void finish(double maxCorr, boolean converged) {
            int l0 = l0();
            int[] idx = new int[l0];
            double[] val = new double[l0];
            active(idx, val);
            // in increasing concept: each concept (distinct, nonnegative) above its position in one long, sorted
            long[] keys = new long[l0];
            for (int p = 0; p < l0; p++) {
                keys[p] = (long) idx[p] << 32 | p;
            }
            Arrays.sort(keys);
            int[] sortedIdx = new int[l0];
            double[] sortedVal = new double[l0];
            for (int p = 0; p < l0; p++) {
                int from = (int) keys[p];
                sortedIdx[p] = idx[from];
                sortedVal[p] = val[from];
            }
            double gap = DualityGap.gap(rr, rz, l1, maxCorr, lambda);
            result = new LassoResult(sortedIdx, sortedVal, rr + lambda * l1, gap, lambda, lambdaMax, rounds,
                    converged || gap <= tolerance * (rr + lambda * l1));
            // release the working memory of a finished target
            cols = null;
            q = null;
            cholScratch = null;
            iterates = null;
            iterateProducts = null;
        }
    }

    /** Builder for {@link WorkingSetLassoSolver}. */
    public static final class Builder {
        private Kernels kernels;

        /** For tests: particular kernels instead of the best available. */
        Builder kernels(Kernels k) {
            this.kernels = k;
            return this;
        }

        private int screenedTargets = SCREENED_TARGETS;
        private long screenAfter = SCREEN_AFTER;
        private long gramBudget = DEFAULT_GRAM_BUDGET;
        private long gramAfter = -1;

        /**
         * For tests: the targets solved in small batches against a dictionary after which its 16-bit copy is made
         * (0: at the first; default {@link WorkingSetLassoSolver#SCREEN_AFTER}).
         */
        Builder screenAfter(long targets) {
            this.screenAfter = targets;
            return this;
        }

        /**
         * For tests: the targets solved against a dictionary after which its Gram matrix is made (default: 4 per
         * concept).
         */
        Builder gramAfter(long targets) {
            this.gramAfter = targets;
            return this;
        }

        /**
         * The most bytes that the Gram matrix of the dictionary ({@code 2·c²}: 200 MB at c = 10,000) may take for this
         * solver to make and use it (default {@link WorkingSetLassoSolver#DEFAULT_GRAM_BUDGET}; 0: never). With it, a
         * certificate round of a target with at most {@code d / 8} active concepts reads their Gram columns instead of
         * taking a product over the whole dictionary. It is made once per dictionary, after {@code 4·c} targets have
         * been solved against it: at the start of a later call, or between the batches of a call while at least
         * {@code 8·c} targets remain; and only if it also fits in a quarter of the JVM's maximum heap. The solutions
         * are the same bits with or without it.
         *
         * @param bytes the budget (≥ 0)
         * @return this builder
         */
        public Builder gramBudget(long bytes) {
            this.gramBudget = Arguments.atLeast("gramBudget", bytes, 0);
            return this;
        }

        /**
         * For tests: the most targets per batch whose products come from the 16-bit {@link ScreeningCopy} (0: never; a
         * large number: always).
         */
        Builder screenedTargets(int targets) {
            this.screenedTargets = targets;
            return this;
        }

        private Products products;

        /** For benchmarks: another backend for the batch products. */
        Builder products(Products p) {
            this.products = p;
            return this;
        }

        private double tolerance = DEFAULT_TOLERANCE;
        private int initialWorkingSet = 32;
        private int maxRounds = 100;
        private int maxSweeps = 100_000;
        private int batchSize = 256;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * @param tolerance the relative duality gap at which a target is done, in (0, 1)
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = Arguments.openUnitInterval("tolerance", tolerance);
            return this;
        }

        /**
         * @param size how many of the most correlated concepts start the working set (≥ 1)
         * @return this builder
         */
        public Builder initialWorkingSet(int size) {
            this.initialWorkingSet = Arguments.atLeast("initialWorkingSet", size, 1);
            return this;
        }

        /**
         * @param rounds the most working-set rounds per target (≥ 1)
         * @return this builder
         */
        public Builder maxRounds(int rounds) {
            this.maxRounds = Arguments.atLeast("maxRounds", rounds, 1);
            return this;
        }

        /**
         * @param size the most targets that share one matrix product (≥ 1; fewer in the first batch of a call and
         *     where the working sets grow large); memory grows as size × concepts
         * @return this builder
         */
        public Builder batchSize(int size) {
            this.batchSize = Arguments.atLeast("batchSize", size, 1);
            return this;
        }

        /**
         * @param threads worker threads (≥ 1); results do not depend on it
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = Arguments.atLeast("threads", threads, 1);
            return this;
        }

        /** @return the solver */
        public WorkingSetLassoSolver build() {
            return new WorkingSetLassoSolver(this);
        }
    }
}
