package io.github.splice4j.solver;

/** Plain Java kernels, used where the Vector API module is not available; same bits, slower. */
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

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            s0 += x[xOff + t] * y[yOff + t];
            s1 += x[xOff + t + 1] * y[yOff + t + 1];
            s2 += x[xOff + t + 2] * y[yOff + t + 2];
            s3 += x[xOff + t + 3] * y[yOff + t + 3];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; t < n; t++) {
            s += x[xOff + t] * y[yOff + t];
        }
        return s;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
