package io.github.splice4j.solver;

/**
 * Plain Java kernels, used where the Vector API module is not available: the same summation order and the same
 * fused multiply-adds as {@link VectorKernels}, so the same bits (tested), more slowly.
 */
final class ScalarKernels implements Kernels {

    @Override
    public void gemm(float[] a, int m, int k, float[] packed, int panelFrom, int panelTo, float[] c, int ldc) {
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
        for (int t = nv; t < n; t++) {
            s = Math.fma(x[xOff + t], y[yOff + t], s);
        }
        return s;
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
    public float max(float[] a, int off, int n) {
        float best = a[off];
        for (int i = 1; i < n; i++) {
            best = Math.max(best, a[off + i]);
        }
        return best;
    }

    @Override
    public int atLeast(float[] a, int off, int n, float min, int[] out) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (a[off + i] >= min) {
                if (count < out.length) {
                    out[count] = i;
                }
                count++;
            }
        }
        return count;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
