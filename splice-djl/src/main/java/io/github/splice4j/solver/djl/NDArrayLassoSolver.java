package io.github.splice4j.solver.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.cuda.CudaUtils;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputChecks;
import io.github.splice4j.internal.Arguments;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nonnegative LASSO {@code min_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0} solved for a batch of targets at
 * once on a DJL device: accelerated proximal gradient (FISTA) with per-embedding adaptive restarts.
 *
 * <p>One iteration is two matrix products, {@code (Y·D − Z)·Dᵀ} over the whole batch, and elementwise
 * work; the step is {@code 1/L} with {@code L = 2σ_max(D)²} estimated by power iteration. Every
 * {@code checkEvery} iterations the duality gap of every row is computed on the device (two more
 * products) and rows whose relative gap is at most the tolerance leave the batch, which shrinks.
 * Memory on the device is {@code O(c·d + batch·c)}: no concepts × concepts matrix is formed. Each
 * iteration's temporaries live in a sub-manager that is closed at the end of the iteration.
 *
 * <p>It runs in double precision by default, which gives certificates comparable with the CPU
 * solver's; {@link Builder#dataType(DataType) float32} is faster on GPUs, but its gap is then only as
 * exact as float32 products (around 1e-6 relative).
 */
public final class NDArrayLassoSolver implements NonnegativeLassoSolver {
    private static final long serialVersionUID = 1L;
    private final Device device;
    private final DataType dataType;
    private final double tolerance;
    private final int maxIterations;
    private final int checkEvery;
    private final int batchSize;
    private transient volatile int peakLiveArrays;

    private NDArrayLassoSolver(Builder b) {
        this.device = b.device != null ? b.device : Engine.getEngine("PyTorch").defaultDevice();
        this.dataType = b.dataType;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.checkEvery = b.checkEvery;
        this.batchSize = b.batchSize;
    }

    /** @return a solver with the default settings on the engine's default device */
    public static NDArrayLassoSolver create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the device the solver runs on */
    public Device device() {
        return device;
    }

    @Override
    public String describe() {
        return "ndarray-fista(device=" + device + ", dtype=" + dataType + ", tolerance=" + tolerance
                + ", maxIterations=" + maxIterations + ", checkEvery=" + checkEvery + ", batch="
                + (batchSize > 0 ? batchSize : "auto") + ")";
    }

    /**
     * The most NDArrays that were alive at once in one batch's manager during the last solve: a bounded
     * number, whatever the iteration count, shows that temporaries are freed every iteration.
     * @return the peak count
     */
    public int peakLiveArrays() {
        return peakLiveArrays;
    }

    /**
     * The batch size used for a dictionary: the configured one, or one sized to the device's free
     * memory (GPU) with a default of 256 on a CPU.
     * @param concepts the number of concepts
     * @return the batch size
     */
    public int batchSizeFor(int concepts) {
        if (batchSize > 0) {
            return batchSize;
        }
        if (device.isGpu()) {
            MemoryUsage mem = CudaUtils.getGpuMemory(device);
            long free = mem.getMax() - mem.getCommitted();
            long perRow = 10L * concepts * dataType.getNumOfBytes();
            return (int) Math.max(1, Math.min(8192, free / 2 / Math.max(1, perRow)));
        }
        return 256;
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
        int c = dictionary.concepts();
        int d = dictionary.dimension();
        LassoResult[] out = new LassoResult[targets.length];
        int batch = batchSizeFor(c);
        peakLiveArrays = 0;
        try (NDManager root = NDManager.newBaseManager(device, "PyTorch")) {
            double[] flat = new double[c * d];
            for (int i = 0; i < c; i++) {
                System.arraycopy(dictionary.row(i), 0, flat, i * d, d);
            }
            NDArray created = root.create(flat, new Shape(c, d));
            NDArray dict = created.toType(dataType, false);
            if (dict != created) {
                created.close();
            }
            NDArray dictT = dict.transpose();
            double lipschitz = lipschitz(root, dict, dictT);
            for (int start = 0; start < targets.length; start += batch) {
                int end = Math.min(targets.length, start + batch);
                solveBatch(root, dict, dictT, lipschitz, targets, start, end, lambdas, warmStarts, out);
                progress.progress(end, targets.length);
            }
        }
        return Arrays.asList(out);
    }

    /** {@code 2σ_max(D)²}, by power iteration on {@code DᵀD}, with a margin for the estimate. */
    private static double lipschitz(NDManager root, NDArray dict, NDArray dictT) {
        try (NDManager m = root.newSubManager()) {
            tempAttach(m, dict, dictT);
            NDArray gram = dictT.matMul(dict);
            long d = gram.getShape().get(0);
            NDArray v = m.ones(new Shape(d, 1), gram.getDataType()).div(Math.sqrt(d));
            double estimate = 0;
            for (int it = 0; it < 500; it++) {
                NDArray gv = gram.matMul(v);
                double next = v.mul(gv).sum().toType(DataType.FLOAT64, false).getDouble();
                v = gv.div(gv.norm());
                if (it > 20 && Math.abs(next - estimate) <= 1e-12 * next) {
                    estimate = next;
                    break;
                }
                estimate = next;
            }
            return 2 * estimate * 1.02;
        }
    }

    private void solveBatch(NDManager root, NDArray dict, NDArray dictT, double lipschitz, double[][] targets,
                            int start, int end, double[] lambdas, LassoResult[] warmStarts, LassoResult[] out) {
        int n = end - start;
        int c = (int) dict.getShape().get(0);
        int d = (int) dict.getShape().get(1);
        try (NDManager bm = root.newSubManager()) {
            double[] flat = new double[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(targets[start + i], 0, flat, i * d, d);
            }
            NDArray created = bm.create(flat, new Shape(n, d));
            NDArray z = created.toType(dataType, false);
            if (z != created) {
                created.close();
            }
            NDArray w;
            if (warmStarts == null) {
                w = bm.zeros(new Shape(n, c), dataType);
            } else {
                double[] initial = new double[n * c];
                for (int i = 0; i < n; i++) {
                    LassoResult warm = warmStarts[start + i];
                    if (warm != null) {
                        int[] idx = warm.indices();
                        double[] val = warm.weights();
                        for (int p = 0; p < idx.length; p++) {
                            initial[i * c + idx[p]] = val[p];
                        }
                    }
                }
                NDArray wCreated = bm.create(initial, new Shape(n, c));
                w = wCreated.toType(dataType, false);
                if (w != wCreated) {
                    wCreated.close();
                }
            }
            double[] batchLambdas = Arrays.copyOfRange(lambdas, start, end);
            NDArray lam = bm.create(batchLambdas, new Shape(n, 1)).toType(dataType, false);
            NDArray y = w;
            NDArray t = bm.ones(new Shape(n, 1), dataType);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = start + i;
            }
            double[] lambdaMax = new double[targets.length];
            double[] zMax = maxCorrelations(bm, dictT, z);
            for (int i = 0; i < n; i++) {
                lambdaMax[start + i] = Math.max(0, 2 * zMax[i]);
            }
            double step = 1.0 / lipschitz;
            for (int it = 0; rows.length > 0; it++) {
                boolean last = it >= maxIterations;
                if (it % checkEvery == 0 || last) {
                    Check check = check(bm, dict, dictT, z, w, lam);
                    boolean[] done = new boolean[rows.length];
                    int finished = 0;
                    for (int r = 0; r < rows.length; r++) {
                        done[r] = last || check.gap[r] <= tolerance * check.objective[r];
                        finished += done[r] ? 1 : 0;
                    }
                    if (finished > 0) {
                        NDArray[] kept = finish(bm, done, rows, w, y, z, t, lam, check, lambdas, lambdaMax, it, out);
                        if (kept == null) {
                            break;
                        }
                        w = kept[0];
                        y = kept[1];
                        z = kept[2];
                        t = kept[3];
                        lam = kept[4];
                        int[] remaining = new int[rows.length - finished];
                        for (int r = 0, k = 0; r < rows.length; r++) {
                            if (!done[r]) {
                                remaining[k++] = rows[r];
                            }
                        }
                        rows = remaining;
                    }
                }
                NDArray[] next = iterate(bm, dict, dictT, z, w, y, t, lam, step);
                w = next[0];
                y = next[1];
                t = next[2];
                peakLiveArrays = Math.max(peakLiveArrays, bm.getManagedArrays().size());
            }
        }
    }

    /** One FISTA step with per-row gradient restarts; returns the new w, y and t, attached to {@code bm}. */
    private static NDArray[] iterate(NDManager bm, NDArray dict, NDArray dictT, NDArray z, NDArray w, NDArray y,
                                     NDArray t, NDArray lam, double step) {
        NDArray[] next;
        try (NDManager im = bm.newSubManager()) {
            tempAttach(im, dict, dictT, z, w, y, t, lam);
            NDArray gradStep = y.matMul(dict).sub(z).matMul(dictT).mul(2 * step).add(lam.mul(step));
            NDArray wNew = y.sub(gradStep).maximum(0);
            NDArray restart = y.sub(wNew).mul(wNew.sub(w)).sum(new int[] {1}, true).gt(0);
            NDArray tRestarted = NDArrays.where(restart, im.ones(t.getShape(), t.getDataType()), t);
            NDArray tNew = tRestarted.square().mul(4).add(1).sqrt().add(1).div(2);
            NDArray yNew = wNew.add(tRestarted.sub(1).div(tNew).mul(wNew.sub(w)));
            next = new NDArray[] {wNew, yNew, tNew};
            for (NDArray a : next) {
                a.attach(bm);
            }
        }
        if (y != w) {
            y.close();
        }
        w.close();
        t.close();
        return next;
    }

    /** The duality gap of every row, computed on the device. */
    private record Check(double[] objective, double[] gap) {
    }

    /** {@code max_i ⟨D_i, z⟩} of every row: half of λ_max. */
    private static double[] maxCorrelations(NDManager bm, NDArray dictT, NDArray z) {
        try (NDManager cm = bm.newSubManager()) {
            tempAttach(cm, dictT, z);
            return toDoubles(z.matMul(dictT).max(new int[] {1}));
        }
    }

    private Check check(NDManager bm, NDArray dict, NDArray dictT, NDArray z, NDArray w, NDArray lam) {
        try (NDManager cm = bm.newSubManager()) {
            tempAttach(cm, dict, dictT, z, w, lam);
            NDArray lambda = lam.reshape(-1);
            NDArray r = z.sub(w.matMul(dict));
            NDArray maxCorr = r.matMul(dictT).max(new int[] {1});
            NDArray rr = r.square().sum(new int[] {1});
            NDArray rz = r.mul(z).sum(new int[] {1});
            NDArray l1 = w.sum(new int[] {1});
            NDArray s = NDArrays.where(maxCorr.mul(2).lte(lambda), cm.ones(maxCorr.getShape(), maxCorr.getDataType()),
                    maxCorr.mul(2).pow(-1).mul(lambda));
            NDArray primal = rr.add(l1.mul(lambda));
            NDArray dual = s.mul(rz).mul(2).sub(s.square().mul(rr));
            NDArray gap = primal.sub(dual).maximum(0);
            return new Check(toDoubles(primal), toDoubles(gap));
        }
    }

    private static double[] toDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /**
     * Records the finished rows and returns the remaining rows' state (attached to {@code bm}), or null
     * when no row remains.
     */
    private NDArray[] finish(NDManager bm, boolean[] done, int[] rows, NDArray w, NDArray y, NDArray z, NDArray t,
                             NDArray lam, Check check, double[] lambdas, double[] lambdaMax, int iterations,
                             LassoResult[] out) {
        int c = (int) w.getShape().get(1);
        NDArray[] kept;
        try (NDManager fm = bm.newSubManager()) {
            tempAttach(fm, w, y, z, t, lam);
            NDArray finishedRows = fm.create(rowsWhere(done, true));
            double[] finishedWeights = toDoubles(w.get(new NDIndex("{}", finishedRows)));
            for (int r = 0, k = 0; r < rows.length; r++) {
                if (!done[r]) {
                    continue;
                }
                int nnz = 0;
                for (int j = 0; j < c; j++) {
                    nnz += finishedWeights[k * c + j] > 0 ? 1 : 0;
                }
                int[] idx = new int[nnz];
                double[] val = new double[nnz];
                for (int j = 0, p = 0; j < c; j++) {
                    double v = finishedWeights[k * c + j];
                    if (v > 0) {
                        idx[p] = j;
                        val[p++] = v;
                    }
                }
                out[rows[r]] = new LassoResult(idx, val, check.objective[r], check.gap[r], lambdas[rows[r]], lambdaMax[rows[r]],
                        iterations, check.gap[r] <= tolerance * check.objective[r]);
                k++;
            }
            if (allTrue(done)) {
                return null;
            }
            NDIndex keep = new NDIndex("{}", fm.create(rowsWhere(done, false)));
            kept = new NDArray[] {w.get(keep), y.get(keep), z.get(keep), t.get(keep), lam.get(keep)};
            for (NDArray a : kept) {
                a.attach(bm);
            }
        }
        for (NDArray a : new NDArray[] {w, y, z, t, lam}) {
            if (!a.isReleased()) {
                a.close();
            }
        }
        return kept;
    }

    private static long[] rowsWhere(boolean[] flags, boolean value) {
        return java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i] == value).asLongStream().toArray();
    }

    /** Temporarily attaches each distinct array once (attaching one twice would lose its owner). */
    private static void tempAttach(NDManager m, NDArray... arrays) {
        List<NDArray> seen = new ArrayList<>();
        for (NDArray a : arrays) {
            if (seen.stream().noneMatch(x -> x == a)) {
                a.tempAttach(m);
                seen.add(a);
            }
        }
    }

    private static boolean allTrue(boolean[] a) {
        for (boolean b : a) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** Builder for {@link NDArrayLassoSolver}. */
    public static final class Builder {
        private Device device;
        private DataType dataType = DataType.FLOAT64;
        private double tolerance = WorkingSetLassoSolver.DEFAULT_TOLERANCE;
        private int maxIterations = 20_000;
        private int checkEvery = 10;
        private int batchSize;

        private Builder() {
        }

        /**
         * @param device the device; default {@code Engine.getEngine("PyTorch").defaultDevice()}
         * @return this builder
         */
        public Builder device(Device device) {
            this.device = device;
            return this;
        }

        /**
         * @param dataType FLOAT64 (default) or FLOAT32
         * @return this builder
         */
        public Builder dataType(DataType dataType) {
            if (dataType != DataType.FLOAT64 && dataType != DataType.FLOAT32) {
                throw SpliceInputException.forParameter("dataType", "float32 or float64, got " + dataType);
            }
            this.dataType = dataType;
            return this;
        }

        /**
         * @param tolerance the relative duality gap at which a row is done, in (0, 1)
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = Arguments.openUnitInterval("tolerance", tolerance);
            return this;
        }

        /**
         * @param maxIterations the most iterations per batch
         * @return this builder
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = Arguments.atLeast("maxIterations", maxIterations, 1);
            return this;
        }

        /**
         * @param checkEvery iterations between duality-gap checks
         * @return this builder
         */
        public Builder checkEvery(int checkEvery) {
            this.checkEvery = Arguments.atLeast("checkEvery", checkEvery, 1);
            return this;
        }

        /**
         * @param batchSize rows solved together; 0 sizes batches to the device
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = Arguments.atLeast("batchSize", batchSize, 0);
            return this;
        }

        /** @return the solver */
        public NDArrayLassoSolver build() {
            return new NDArrayLassoSolver(this);
        }
    }
}
