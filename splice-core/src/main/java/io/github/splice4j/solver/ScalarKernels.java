package io.github.splice4j.solver;

/**
 * Plain Java kernels, used where the Vector API module is not available: the same summation order and the same
 * fused multiply-adds as {@link VectorKernels}, so the same bits (tested), more slowly.
 */
final class ScalarKernels implements Kernels {

    @Override
    public void gemm(float[] a, float[] interleaved, int m, int k, float[] packed, int panelFrom, int panelTo,
                     float[] c, int ldc) {
        float[] acc = new float[PANEL];
        for (int p = panelFrom; p < panelTo; p++) {
            int base = p * k * PANEL;
            int width = Math.min(PANEL, ldc - p * PANEL);
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(acc, 0f);
                int ai = i * k;
                for (int t = 0; t < k; t++) {
                    float x = a[ai + t];
                    int off = base + t * PANEL;
                    for (int u = 0; u < PANEL; u++) {
                        acc[u] = Math.fma(x, packed[off + u], acc[u]);
                    }
                }
                System.arraycopy(acc, 0, c, i * ldc + p * PANEL, width);
            }
        }
    }

    @Override
    public void screen(float[] a, int aOff, int k, short[] packed, float[] scale, int panelFrom, int panelTo,
                       float[] c, int cOff, int concepts) {
        float[] acc = new float[PANEL];
        for (int p = panelFrom; p < panelTo; p++) {
            int base = p * k * PANEL;
            int col = p * PANEL;
            java.util.Arrays.fill(acc, 0f);
            for (int t = 0; t < k; t++) {
                float x = a[aOff + t];
                int off = base + t * PANEL;
                for (int u = 0; u < PANEL; u++) {
                    acc[u] = Math.fma(x, packed[off + u], acc[u]);
                }
            }
            int width = Math.min(PANEL, concepts - col);
            for (int u = 0; u < width; u++) {
                c[cOff + col + u] = acc[u] * scale[col + u];
            }
        }
    }

    @Override
    public void subtractColumns(float[] base, int baseOff, short[] columns, int[] col, float[] coef, int count,
                                float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float acc = base[baseOff + i];
            for (int k = 0; k < count; k++) {
                acc = Math.fma(-coef[k], columns[col[k] + i], acc);
            }
            out[outOff + i] = acc;
        }
    }

    @Override
    public void choleskyColumn(double[] l, int n, int j) {
        choleskyRows(l, n, j, j);
    }

    /**
     * {@link #choleskyColumn} for the rows {@code from ≤ i < n} only, one at a time; also the vector kernel's rows past
     * its last whole vector.
     */
    static void choleskyRows(double[] l, int n, int j, int from) {
        choleskyRows(l, n, j, from, j);
    }

    /** {@link #choleskyRows} with the chains over {@code k < kEnd} only. */
    static void choleskyRows(double[] l, int n, int j, int from, int kEnd) {
        int jn = j * n;
        for (int i = from; i < n; i++) {
            double v = l[jn + i];
            for (int k = 0; k < kEnd; k++) {
                v = Math.fma(l[k * n + i], -l[k * n + j], v);
            }
            l[jn + i] = v;
        }
    }

    @Override
    public void choleskyColumnPair(double[] l, int n, int j) {
        choleskyRows(l, n, j, j, j);
        choleskyRows(l, n, j + 1, j + 1, j);
    }

    /** Lanes of the dot product: eight interleaved fused multiply-add accumulators, summed in lane order. */
    static final int DOT_LANES = 8;

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double[] lanes = new double[DOT_LANES];
        int nv = n - n % DOT_LANES;
        for (int t = 0; t < nv; t += DOT_LANES) {
            for (int l = 0; l < DOT_LANES; l++) {
                lanes[l] = Math.fma(x[xOff + t + l], y[yOff + t + l], lanes[l]);
            }
        }
        double s = 0;
        for (double v : lanes) {
            s += v;
        }
        return fmaTail(s, x, xOff, y, yOff, nv, n);
    }

    /**
     * The end of every dot product, scalar or vector: the products for {@code from ≤ t < n} fused into {@code s}
     * in increasing {@code t}.
     */
    static double fmaTail(double s, double[] x, int xOff, double[] y, int yOff, int from, int n) {
        double sum = s;
        for (int t = from; t < n; t++) {
            sum = Math.fma(x[xOff + t], y[yOff + t], sum);
        }
        return sum;
    }

    @Override
    public void dot4(double[] x, int xOff, double[] y, int y0, int y1, int y2, int y3, int n, double[] out,
                     int outOff) {
        out[outOff] = dot(x, xOff, y, y0, n);
        out[outOff + 1] = dot(x, xOff, y, y1, n);
        out[outOff + 2] = dot(x, xOff, y, y2, n);
        out[outOff + 3] = dot(x, xOff, y, y3, n);
    }

    @Override
    public void gram(double[] x, int n, int[] rows, int aFrom, int aTo, int bFrom, int bTo, double[][] out) {
        for (int i = aFrom; i < aTo; i++) {
            for (int j = bFrom; j < bTo; j++) {
                out[i][j] = dot(x, rows[i] * n, x, rows[j] * n, n);
            }
        }
    }

    @Override
    public float max(float[] a, int off, int n) {
        return max(a, off, 1, n, a[off]);
    }

    /** @return the maximum of {@code best} and {@code a[off + i]} for {@code from ≤ i < n} */
    static float max(float[] a, int off, int from, int n, float best) {
        float m = best;
        for (int i = from; i < n; i++) {
            m = Math.max(m, a[off + i]);
        }
        return m;
    }

    @Override
    public int firstAbove(float[] a, int off, int from, int n, float min) {
        int i = from;
        while (i < n && !(a[off + i] > min)) {
            i++;
        }
        return i;
    }

    @Override
    public int atLeast(float[] a, int off, int n, float min, int[] out) {
        return atLeast(a, off, 0, n, min, out, 0);
    }

    /**
     * The scan of {@link #atLeast(float[], int, int, float, int[])} over {@code from ≤ i < n}, after
     * {@code count} earlier finds.
     *
     * @return {@code count} plus the finds of this range
     */
    static int atLeast(float[] a, int off, int from, int n, float min, int[] out, int count) {
        int found = count;
        for (int i = from; i < n; i++) {
            if (a[off + i] >= min) {
                found = record(out, found, i);
            }
        }
        return found;
    }

    /** Writes {@code i} as find number {@code count} if {@code out} has room; @return {@code count + 1} */
    static int record(int[] out, int count, int i) {
        if (count < out.length) {
            out[count] = i;
        }
        return count + 1;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
