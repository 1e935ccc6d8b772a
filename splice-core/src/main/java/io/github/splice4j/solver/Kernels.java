package io.github.splice4j.solver;

/**
 * The dense arithmetic behind the solver. Every value it returns depends only on its inputs, never on
 * the number of threads, the tiling, or whether the code runs interpreted or compiled: each output is
 * accumulated in a fixed order.
 */
interface Kernels {

    /** Concepts per packed panel of the dictionary. */
    int PANEL = 48;

    /**
     * Computes {@code c[i * ldc + j] = Σ_t a[i * k + t] · D[j][t]} for {@code 0 ≤ i < m} and every
     * concept {@code j} of panels {@code panelFrom ≤ p < panelTo}, with {@code ldc} the number of
     * concepts. Each output is accumulated with one fused multiply-add per {@code t}, in increasing
     * {@code t}, so that every implementation gives the same bits.
     *
     * @param packed the dictionary packed by {@link #pack}
     */
    default void gemm(float[] a, int m, int k, float[] packed, int panelFrom, int panelTo, float[] c, int ldc) {
        gemm(a, interleave(a, m, k), m, k, packed, panelFrom, panelTo, c, ldc);
    }

    /**
     * As {@link #gemm(float[], int, int, float[], int, int, float[], int)}, with the rows of {@code a} also given
     * interleaved by {@link #interleave}: a product split over many panel ranges interleaves them once.
     */
    void gemm(float[] a, float[] interleaved, int m, int k, float[] packed, int panelFrom, int panelTo, float[] c,
              int ldc);

    /**
     * The products of {@link ScreeningCopy} for one target {@code a[aOff .. aOff + k)}: {@code c[cOff + j] = scale[j]
     * · Σ_t a[aOff + t] · q_jt} for every concept {@code j < concepts} of panels {@code panelFrom ≤ p < panelTo}, each
     * accumulated in single precision with one fused multiply-add per {@code t}, in increasing {@code t}, then scaled.
     *
     * @param packed the integers {@code q}, packed in panels as {@link #pack} packs floats
     */
    void screen(float[] a, int aOff, int k, short[] packed, float[] scale, int panelFrom, int panelTo, float[] c,
                int cOff, int concepts);

    /**
     * Residual products from Gram columns ({@link ConceptGram}): {@code out[outOff + i] = base[baseOff + i] −
     * Σ_k coef[k] · columns[col[k] + i]} for {@code i < n}, each accumulated in single precision from
     * {@code base[baseOff + i]} with one fused multiply-add per {@code k}, in increasing {@code k}.
     */
    void subtractColumns(float[] base, int baseOff, short[] columns, int[] col, float[] coef, int count, float[] out,
                         int outOff, int n);

    /**
     * The rows of the row-major m × k matrix {@code a}, four at a time, interleaved as the register tiles read
     * them: {@code out[(g·k + t)·4 + r] = a[(4g + r)·k + t]} for the {@code m / 4} whole groups.
     */
    static float[] interleave(float[] a, int m, int k) {
        int groups = m / 4;
        float[] out = new float[groups * k * 4];
        for (int g = 0; g < groups; g++) {
            for (int r = 0; r < 4; r++) {
                int src = (4 * g + r) * k;
                int dst = g * k * 4 + r;
                for (int t = 0; t < k; t++) {
                    out[dst + 4 * t] = a[src + t];
                }
            }
        }
        return out;
    }

    /**
     * Packs a row-major concepts × k matrix into panels of {@link #PANEL} concepts: panel {@code p}
     * holds {@code D[p·PANEL + u][t]} at {@code (p·k + t)·PANEL + u}, zero-padded past the last concept.
     */
    static float[] pack(double[] rows, int concepts, int k) {
        int panels = (concepts + PANEL - 1) / PANEL;
        float[] out = new float[panels * k * PANEL];
        for (int j = 0; j < concepts; j++) {
            int p = j / PANEL;
            int u = j % PANEL;
            for (int t = 0; t < k; t++) {
                out[(p * k + t) * PANEL + u] = (float) rows[j * k + t];
            }
        }
        return out;
    }

    /** @return {@code Σ_t x[xOff + t] · y[yOff + t]} for {@code t < n}, in double precision */
    double dot(double[] x, int xOff, double[] y, int yOff, int n);

    /**
     * One column of a left-looking Cholesky factorisation, in a column-major matrix {@code l} ({@code l[i + k·n]} is
     * row i of column k): for {@code j ≤ i < n}, {@code l[i + j·n]} becomes {@code l[i + j·n] − Σ_k l[i + k·n] ·
     * l[j + k·n]} over {@code k < j}, one fused multiply-add per k in increasing order. Each entry is its own chain
     * of multiply-adds, with no sum across lanes, so every implementation gives the same bits.
     */
    void choleskyColumn(double[] l, int n, int j);

    /**
     * Two columns of the factor at once, sharing the loads of the columns before them: column {@code j} as {@link
     * #choleskyColumn}, and for column {@code j + 1 < n}, rows {@code j + 1 ≤ i < n}, the same chains over {@code k < j}
     * only; the term {@code k = j} needs column {@code j} scaled, and is the caller's. {@code l} has at least {@code n² +
     * }{@link Cholesky#PADDING} entries. Nothing outside those rows of the two columns is changed.
     */
    void choleskyColumnPair(double[] l, int n, int j);

    /**
     * Four dot products of {@code x} with four rows of {@code y}: {@code out[outOff + r] =
     * dot(x, xOff, y, yOff[r], n)} for {@code r < 4}, the same bits as four calls of {@link #dot}
     * (sharing the loads of {@code x} and running four accumulations side by side).
     */
    void dot4(double[] x, int xOff, double[] y, int y0, int y1, int y2, int y3, int n, double[] out, int outOff);

    /**
     * A block of the Gram matrix of rows of the row-major matrix {@code x} (rows of length {@code n}): for
     * {@code aFrom ≤ i < aTo} and {@code bFrom ≤ j < bTo}, {@code out[i][j] = dot(x, rows[i]·n, x, rows[j]·n, n)},
     * the same bits as {@link #dot} (whose order of summation does not depend on which argument comes first, so
     * {@code out[i][j]} and {@code out[j][i]} are equal), many at a time.
     */
    void gram(double[] x, int n, int[] rows, int aFrom, int aTo, int bFrom, int bTo, double[][] out);

    /** @return {@code max_i a[off + i]} for {@code i < n} (n ≥ 1), as {@link Math#max} gives it */
    float max(float[] a, int off, int n);

    /**
     * Finds, in increasing order, each {@code i < n} with {@code a[off + i] ≥ min}, and writes the
     * first {@code out.length} of them into {@code out}.
     *
     * @return how many there are in all (more than {@code out.length} when not all were written)
     */
    int atLeast(float[] a, int off, int n, float min, int[] out);

    /**
     * @return the first {@code i} with {@code from ≤ i < n} and {@code a[off + i] > min}, or {@code n} if there is none
     */
    int firstAbove(float[] a, int off, int from, int n, float min);

    /** @return the smallest float {@code f} with {@code f ≥ x}, so that {@code a ≥ x ⇔ a ≥ f} for floats a */
    static float ceilToFloat(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }

    /** @return the smallest float {@code f} with {@code f > x}, so that {@code a > x ⇔ a ≥ f} for floats a */
    static float floatAbove(double x) {
        float f = (float) x;
        return f <= x ? Math.nextUp(f) : f;
    }

    /** @return a short name for reports */
    String name();

    /**
     * Runs {@link #screen} on a tiny copy (a whole and a partial panel) until the JIT has compiled it, as
     * {@link Holder} does for the other kernels; called once per JVM, when the first {@link ScreeningCopy} is made, so
     * that a JVM that never solves one embedding at a time does not pay for it.
     */
    static void warmUpScreening() {
        ScreeningWarmUp.ensure();
    }

    /** As {@link #warmUpScreening}, for {@link #subtractColumns}: once per JVM, when the first {@link ConceptGram} is made. */
    static void warmUpGramColumns() {
        GramColumnsWarmUp.ensure();
    }

    /**
     * As {@link #warmUpScreening}, for {@link #gram}'s blocks: once per JVM, when the solver first gives a working set
     * of {@link WorkingSetLassoSolver#GRAM_BLOCKS_FROM} concepts or more to the blocked kernel, so that a JVM whose
     * solutions are sparse neither warms it up nor compiles it.
     */
    static void warmUpGramBlocks() {
        GramBlocksWarmUp.ensure();
    }

    /** Lazy holder: the warm-up of {@link #gram}'s blocks, once. */
    final class GramBlocksWarmUp {
        private static final Kernels DONE = run(best());

        private GramBlocksWarmUp() {
        }

        /** Loads this class, which runs the warm-up once. */
        static void ensure() {
            java.util.Objects.requireNonNull(DONE);
        }

        private static Kernels run(Kernels kernels) {
            // blocks of four rows and the rows and columns left over, rows of a length that leaves a tail
            double[] x = new double[128];
            java.util.Arrays.fill(x, 0.5);
            int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
            double[][] out = new double[8][8];
            if (Holder.warmUpSkipped()) {
                return kernels;
            }
            double sink = 0;
            for (int call = 0; call < Holder.ONE_KERNEL_WARM_UP_CALLS; call++) {
                int odd = call & 1;
                kernels.gram(x, 8 + 5 * odd, rows, call % 2, 5 + call % 4, call % 8, 8, out);
                sink += out[call % 5][7];
            }
            return Holder.checked(kernels, "Gram blocks", sink);
        }
    }

    /** Lazy holder: the screening warm-up, once. */
    final class ScreeningWarmUp {
        private static final Kernels DONE = run(best());

        private ScreeningWarmUp() {
        }

        /** Loads this class, which runs the warm-up once. */
        static void ensure() {
            java.util.Objects.requireNonNull(DONE);
        }

        private static Kernels run(Kernels kernels) {
            int depth = Holder.WARM_UP_DEPTH;
            int concepts = Holder.WARM_UP_CONCEPTS;
            float[] a = new float[depth];
            short[] quantised = new short[2 * depth * PANEL];
            float[] scale = new float[2 * PANEL];
            float[] c = new float[concepts];
            for (int i = 0; i < depth; i++) {
                a[i] = i % 7;
            }
            for (int i = 0; i < quantised.length; i++) {
                quantised[i] = (short) (i % 9 - 4);
            }
            java.util.Arrays.fill(scale, 0.25f);
            if (Holder.warmUpSkipped()) {
                return kernels;
            }
            double sink = 0;
            for (int call = 0; call < Holder.ONE_KERNEL_WARM_UP_CALLS; call++) {
                kernels.screen(a, 0, depth, quantised, scale, 0, 2, c, 0, concepts);
                sink += c[call % concepts];
            }
            return Holder.checked(kernels, "screening", sink);
        }
    }

    /** Lazy holder: the warm-up of {@link #subtractColumns}, once. */
    final class GramColumnsWarmUp {
        private static final Kernels DONE = run(best());

        private GramColumnsWarmUp() {
        }

        /** Loads this class, which runs the warm-up once. */
        static void ensure() {
            java.util.Objects.requireNonNull(DONE);
        }

        private static Kernels run(Kernels kernels) {
            // lengths that leave a tail, one in eight longer than a chunk; five columns leave a remainder of four
            int n = 1024 + 37;
            short[] columns = new short[5 * n];
            float[] base = new float[n];
            float[] out = new float[n];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = (short) (i % 9 - 4);
            }
            java.util.Arrays.fill(base, 0.5f);
            int[] col = {0, n, 2 * n, 3 * n, 4 * n};
            float[] coef = {0.25f, 0.5f, 0.125f, 1f, 2f};
            if (Holder.warmUpSkipped()) {
                return kernels;
            }
            double sink = 0;
            for (int call = 0; call < Holder.ONE_KERNEL_WARM_UP_CALLS; call++) {
                kernels.subtractColumns(base, 0, columns, col, coef, 1 + call % 5, out, 0,
                        (call % 8 == 0 ? n : 100) - call % 17);
                sink += out[call % n];
            }
            return Holder.checked(kernels, "Gram columns", sink);
        }
    }

    /**
     * The Vector API kernels when the {@code jdk.incubator.vector} module is present (run with
     * {@code --add-modules jdk.incubator.vector}) and the system property {@code splice4j.kernels} is
     * not {@code scalar}; otherwise the scalar kernels. Warmed up ({@link Holder}) on the first call.
     */
    static Kernels best() {
        return Holder.BEST;
    }

    /**
     * The kernels for a solver's call of {@code targets} targets: {@link #best} once it has been warmed up, and the
     * scalar kernels while the JVM's first {@link ColdStart#SCALAR_TARGETS} targets are solved in calls that fit in
     * that number ({@link ColdStart}). Every kernel gives the same bits, so the choice changes speed only.
     */
    static Kernels forTargets(int targets) {
        return ColdStart.JVM.kernels(targets);
    }

    /**
     * The kernels for work outside a solver's calls (a dictionary's row norms, a certificate): {@link #best} once it
     * has been warmed up, the scalar kernels before, so that such work never starts the warm-up.
     */
    static Kernels current() {
        return ColdStart.JVM.warm() ? best() : ColdStart.SCALAR;
    }

    /**
     * When a JVM's first calls take the scalar kernels. The Vector API kernels are fast only once C2 has compiled
     * them, which their warm-up ({@link Holder}) takes about 0.45 s to bring about on two cores; the scalar kernels
     * need none. A fresh {@code splice solve} of 1, 4 and 10 embeddings at λ = 0.25 took 0.46, 0.53 and 0.51 s with the
     * scalar kernels against 1.04, 0.77 and 0.90 s with the warmed-up Vector API ones (the same output bytes), and 100
     * took 0.82 against 0.93 s; at λ = 0.05 (about 285 concepts each) 4 and 10 took 0.75 and 1.04 s against 1.53 and
     * 1.33 s, but 30 took 1.86 against 1.60 s ({@code docs/PERFORMANCE.md}, "The scalar kernels for a JVM's first
     * small calls"). So the first {@link #SCALAR_TARGETS} targets, in calls that fit in that number, take the scalar
     * kernels; the first call that does not fit (a large job, or a service's next call) warms the Vector API kernels
     * up, and every call after it uses them.
     */
    final class ColdStart {
        /** The targets a JVM solves with the scalar kernels, in calls that fit, before it warms up the others. */
        static final int SCALAR_TARGETS = 16;
        /** The scalar kernels of the first calls. */
        static final Kernels SCALAR = new ScalarKernels();
        /** This JVM's state. */
        static final ColdStart JVM = new ColdStart(SCALAR_TARGETS);

        private final int budget;
        private volatile boolean warm;
        /** Targets given the scalar kernels; guarded by this. */
        private long scalarTargets;

        /** For tests: a state of its own, with another budget. */
        ColdStart(int budget) {
            this.budget = budget;
        }

        /** @return whether {@link #kernels} has returned {@link #best} */
        boolean warm() {
            return warm;
        }

        /** @return the kernels for a call of {@code targets} targets, counting them if they are the scalar ones */
        Kernels kernels(int targets) {
            if (!warm) {
                synchronized (this) {
                    if (!warm && scalarTargets + targets <= budget) {
                        scalarTargets += targets;
                        return SCALAR;
                    }
                }
            }
            Kernels best = best();
            warm = true;
            return best;
        }
    }

    /** @return the kernels that {@link #best} returns, without warming them up (for their name) */
    static Kernels chosen() {
        return Chosen.KERNELS;
    }

    /** Lazy holder of the choice, made once. */
    final class Chosen {
        static final Kernels KERNELS = choose();

        private Chosen() {
        }

        private static Kernels choose() {
            if ("scalar".equals(System.getProperty("splice4j.kernels"))) {
                return new ScalarKernels();
            }
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    return (Kernels) Class.forName("io.github.splice4j.solver.VectorKernels")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    // fall through to the scalar kernels, said once below
                }
            }
            System.getLogger("io.github.splice4j").log(System.Logger.Level.WARNING, "Splice4J: the Vector API "
                    + "(jdk.incubator.vector) is not available, so the solver uses its scalar kernels: the same results, "
                    + "several times slower. Run the JVM with --add-modules jdk.incubator.vector.");
            return new ScalarKernels();
        }
    }

    /** Lazy holder so that the warm-up is made once. */
    final class Holder {
        static final Kernels BEST = warmedUp(Chosen.KERNELS);

        static {
            // whoever asked for them first, the warmed-up kernels serve every later call
            ColdStart.JVM.warm = true;
        }

        /**
         * Rounds of the kernel warm-up. With 5,000, on a 2-core machine, C2 had not compiled the scans, the Gram
         * kernel and the batch product's driver by its end ({@code -XX:+PrintCompilation}: they followed 1–3 s
         * later), most likely because C2's queue was busy with the other kernels and HotSpot drops a queued
         * compilation whose method has gone uncalled for {@code TieredCompileTaskTimeout} (50 ms). With 30,000 all
         * seventeen entry points had been compiled by C2 by its end, for about as long a warm-up (0.66–0.77 s against
         * 0.72–0.79 s): once compiled, a round costs about 5 µs.
         */
        static final int WARM_UP_CALLS = 30_000;
        /** Calls of the one-kernel warm-ups ({@link ScreeningWarmUp}, {@link GramColumnsWarmUp}). */
        static final int ONE_KERNEL_WARM_UP_CALLS = 5000;

        private Holder() {
        }

        /** Depth of the warm-up's tiny problem. */
        static final int WARM_UP_DEPTH = 32;
        /**
         * A whole panel and a partial one: a branch the warm-up never takes is compiled as a trap, and the first real
         * product (whose last panel is partial) would fall back to the interpreter.
         */
        static final int WARM_UP_CONCEPTS = PANEL + 17;

        /**
         * The end of a warm-up. Its loop of calls is written out in the method that runs it once, not in a lambda
         * called per round: such a loop stays in the interpreter, so each kernel is compiled as a method of its own,
         * which is how the solver calls it. A lambda called per round was itself compiled by C2
         * ({@code -XX:+PrintCompilation}), which could then inline the kernels into it instead.
         *
         * @param sink the sum of the calls' results
         * @return the kernels
         * @throws AssertionError if a call returned NaN
         */
        static Kernels checked(Kernels kernels, String what, double sink) {
            if (Double.isNaN(sink)) {
                throw new AssertionError(what + " warm-up produced NaN");
            }
            return kernels;
        }

        /** @return whether the system property {@code splice4j.kernels.warmup=false} turns the warm-ups off */
        static boolean warmUpSkipped() {
            return "false".equals(System.getProperty("splice4j.kernels.warmup"));
        }

        /**
         * Runs the kernels on a tiny problem (a whole and a partial panel, depth 32, five rows: both tile shapes;
         * the scans and the dot products on as little, with tails and remainders) until the JIT has compiled every
         * path the solver takes for any solution (the blocked Gram kernel, for dense ones only, has its own warm-up:
         * {@link GramBlocksWarmUp}): interpreted, the Vector API kernels are slow enough that a fresh
         * JVM's first batches cost seconds ({@code docs/PERFORMANCE.md}, "Cold start"). The system property
         * {@code splice4j.kernels.warmup=false} skips it (to measure the difference). The kernels' results do not depend on
         * whether they run compiled, so this changes speed only.
         */
        private static Kernels warmedUp(Kernels kernels) {
            int depth = WARM_UP_DEPTH;
            int rows = 5;
            int concepts = WARM_UP_CONCEPTS;
            float[] a = new float[rows * depth];
            float[] packed = new float[2 * depth * PANEL];
            float[] c = new float[rows * concepts];
            double[] x = new double[128];
            for (int i = 0; i < a.length; i++) {
                a[i] = i % 7;
            }
            for (int i = 0; i < packed.length; i++) {
                packed[i] = i % 5;
            }
            java.util.Arrays.fill(x, 0.5);
            // the scans and the dot products too (interpreted, each Vector API call costs microseconds), with
            // lengths that leave tails, for the same reason as the panels
            int[] hits = new int[8];
            double[] four = new double[4];
            if (warmUpSkipped()) {
                return kernels;
            }
            double sink = 0;
            for (int call = 0; call < WARM_UP_CALLS; call++) {
                int odd = call & 1;
                kernels.gemm(a, rows, depth, packed, 0, 2, c, concepts);
                sink += kernels.dot(x, 0, x, 0, x.length - 3 * odd) + c[call % c.length];
                sink += kernels.max(c, 0, PANEL) + kernels.atLeast(c, 0, PANEL, c[call % PANEL], hits)
                        + kernels.firstAbove(c, 0, call % PANEL, PANEL, c[call % PANEL]);
                kernels.dot4(x, 0, x, 8, 16, 24, 32, 32 - 3 * odd, four, 0);
                sink += four[call % 4];
            }
            return checked(kernels, "kernel", sink);
        }
    }
}
