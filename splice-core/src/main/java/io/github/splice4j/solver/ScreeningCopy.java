package io.github.splice4j.solver;

/**
 * A 16-bit copy of the dictionary for the products of one or a few targets, where a product is a pass over memory
 * rather than arithmetic: half the bytes of the single-precision copy. Row {@code j} is stored as integers
 * {@code q_j} with {@code |q_jt| ≤ 32767} and a single-precision scale {@code s_j}, packed in panels as
 * {@link Kernels#pack} packs floats, and a product {@code ⟨D_j, v⟩} is computed as {@code s_j · Σ_t q_jt · v_t} in
 * single precision ({@link Kernels#screen}).
 *
 * <p>Its error is bounded like the single-precision product's ({@link #errorPerNorm}), so the solver uses it only to
 * choose concepts, as it uses the single-precision products: every number that enters a solution or a certificate is
 * recomputed in double precision, and which concepts are recomputed is decided with the bound, so the solutions do
 * not depend on which copy screened them.
 */
final class ScreeningCopy {
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final int LEVELS = 32767;

    /** The integers, packed in panels of {@link Kernels#PANEL} concepts, zero past the last concept. */
    final short[] packed;
    /** The scale of each concept (zero past the last), padded to whole panels. */
    final float[] scale;
    /**
     * A bound, per unit norm of {@code v}, on {@code |⟨D_j, v⟩ − s_j Σ_t q_jt v_t|} computed in single precision
     * from {@code (float) v}, in any order of summation: {@code max_j ‖D_j − s_j q_j‖} (the quantisation) plus
     * {@code (d + 3) u · 1.01 · max_j (‖D_j‖ + ‖D_j − s_j q_j‖)} (rounding {@code v}, the sum and the scaling, u =
     * 2⁻²⁴).
     */
    final double errorPerNorm;

    private ScreeningCopy(short[] packed, float[] scale, double errorPerNorm) {
        this.packed = packed;
        this.scale = scale;
        this.errorPerNorm = errorPerNorm;
    }

    /** Quantises every row of the dictionary to its own scale. */
    static ScreeningCopy of(DictionaryMatrix dict) {
        int c = dict.concepts();
        int d = dict.dimension();
        int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
        short[] packed = new short[panels * d * Kernels.PANEL];
        float[] scale = new float[panels * Kernels.PANEL];
        double maxError = 0;
        double maxNorm = 0;
        for (int j = 0; j < c; j++) {
            int row = j * d;
            double largest = 0;
            for (int t = 0; t < d; t++) {
                largest = Math.max(largest, Math.abs(dict.data[row + t]));
            }
            float s = (float) (largest / LEVELS);
            double error = 0;
            int p = j / Kernels.PANEL;
            int u = j % Kernels.PANEL;
            for (int t = 0; t < d; t++) {
                double x = dict.data[row + t];
                long q = s == 0 ? 0 : Math.max(-LEVELS, Math.min(LEVELS, Math.round(x / s)));
                packed[(p * d + t) * Kernels.PANEL + u] = (short) q;
                // s·q is exact in double (24 × 16 bits); the difference is rounded once
                double e = x - (double) s * q;
                error += e * e;
            }
            scale[j] = s;
            double rowError = Math.sqrt(error);
            maxError = Math.max(maxError, rowError);
            maxNorm = Math.max(maxNorm, Math.sqrt(dict.rowNormSq()[j]) + rowError);
        }
        // a relative margin for the rounding of the norms computed above
        double quantisation = maxError * (1 + 1e-6);
        double arithmetic = (d + 3) * UNIT_ROUNDOFF * 1.01 * maxNorm * (1 + 1e-6);
        return new ScreeningCopy(packed, scale, quantisation + arithmetic);
    }
}
