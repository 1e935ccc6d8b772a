package io.github.splice4j.solver;

/**
 * The Gram matrix {@code G = D Dᵀ} of the dictionary in 16 bits, for certificates without a second pass over the
 * dictionary: a target's residual products are {@code ⟨D_i, r⟩ = ⟨D_i, z⟩ − Σ_j w_j G_ij} over its few active concepts
 * {@code j}, and the products {@code ⟨D_i, z⟩} are already known from the round that chose the working set. So a
 * certificate round reads {@code l0} columns of {@code c} integers instead of the {@code c × d} dictionary.
 *
 * <p>Column {@code j} holds integers {@code q_ij} with {@code |q_ij| ≤ 32767} and a single-precision scale {@code s_j};
 * {@code s_j q_ij} is within {@link #columnError}{@code [j]} of the exact {@code ⟨D_i, D_j⟩} for every {@code i}. The
 * solver uses these products only to choose which exact products to compute (with a rigorous bound built from
 * those errors), as it uses its other approximate products, so its solutions do not depend on whether it used them.
 *
 * <p>It takes {@code 2·c²} bytes (200 MB at c = 10,000): the solver makes it only within its stated budget
 * ({@link WorkingSetLassoSolver.Builder#gramBudget}).
 */
final class ConceptGram {
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    /** The largest integer of a column. */
    static final int LEVELS = 32767;

    /** The integers, column after column: {@code q_ij} at {@code j·c + i}. */
    final short[] columns;
    /** The scale of each column. */
    final float[] scale;
    /** A bound on {@code |s_j q_ij − ⟨D_i, D_j⟩|} over all {@code i}, for each column {@code j}. */
    final double[] columnError;

    /** {@code 1 / scale[j]} in single precision (0 for a zero scale). */
    private final float[] inverse;

    /**
     * An empty matrix for {@code dict}, to be filled from single-precision products {@code ≈ ⟨D_i, D_j⟩}, each within
     * {@code errorPerNorm · ‖D_j‖} of the exact. Column {@code j}'s scale is {@code s_j = (max_i ‖D_i‖ · ‖D_j‖ +
     * errorPerNorm · ‖D_j‖) / 32767}, which no product exceeds (Cauchy–Schwarz), so it is known before any product
     * and is the same for the entries of a column written from either side of the diagonal.
     */
    ConceptGram(DictionaryMatrix dict, double errorPerNorm) {
        int c = dict.concepts();
        this.columns = new short[c * c];
        this.scale = new float[c];
        this.inverse = new float[c];
        this.columnError = new double[c];
        for (int j = 0; j < c; j++) {
            double norm = Math.sqrt(dict.rowNormSq()[j]) * (1 + 1e-6);
            double productError = errorPerNorm * norm;
            float s = Kernels.ceilToFloat((dict.maxRowNorm() * (1 + 1e-6) * norm + productError) / LEVELS);
            boolean usable = s > 0 && Float.isFinite(s);
            scale[j] = usable ? s : 0;
            inverse[j] = usable ? 1 / s : 0;
            // |x/s − q| ≤ 1/2 plus the roundings of 1/s, of x·(1/s) and of adding 1/2 (a relative 2⁻²⁴ of at most
            // 32768 each: 0.002 each)
            columnError[j] = productError + (usable ? s * (0.5 + 0.01) : 0);
        }
    }

    /** @return the bytes the Gram matrix of {@code concepts} concepts takes, or {@code Long.MAX_VALUE} if no array holds it */
    static long bytes(int concepts) {
        long entries = (long) concepts * concepts;
        return entries > Integer.MAX_VALUE - 8 ? Long.MAX_VALUE : 2 * entries + 16L * concepts;
    }

    /**
     * {@code x / s} rounded to the nearest integer (halves away from zero), from {@code y = x · (1/s)} in single
     * precision: {@code |y| ≤ 32767 (1 + 3·2⁻²⁴)} by the choice of the scale, so {@code |y| + 1/2} rounds to at most
     * 32767.5 and truncates to at most 32767, and the error is at most 1/2 plus one rounding of the sum.
     */
    private static short quantised(float x, float inverse) {
        float y = x * inverse;
        return (short) (int) (y + Math.copySign(0.5f, y));
    }

    /** Column {@code j}, entries {@code i ≥ from}, from {@code products[off + i] ≈ ⟨D_i, D_j⟩}. */
    void fillColumn(int j, float[] products, int off, int from) {
        int c = scale.length;
        int base = j * c;
        float inv = inverse[j];
        for (int i = from; i < c; i++) {
            columns[base + i] = quantised(products[off + i], inv);
        }
    }

    /**
     * Entries {@code columnFrom ≤ j < columnFrom + count} of columns {@code rowFrom ≤ i < rowTo}, from the products
     * {@code products[t·c + i] ≈ ⟨D_i, D_columnFrom+t⟩} of those columns' concepts (the Gram matrix is symmetric, and
     * single-precision products, summed in one order whichever concept comes first, are too).
     */
    void fillMirrored(int rowFrom, int rowTo, float[] products, int columnFrom, int count) {
        int c = scale.length;
        for (int i = rowFrom; i < rowTo; i++) {
            int base = i * c + columnFrom;
            float inv = inverse[i];
            for (int t = 0; t < count; t++) {
                columns[base + t] = quantised(products[t * c + i], inv);
            }
        }
    }

    /**
     * Approximate residual products {@code out[outOff + i] ≈ ⟨D_i, r⟩} for {@code r = z − Σ_k weights[k]·D_concepts[k]}
     * as the solver computes it in double precision, from approximate products {@code zp[zOff + i] ≈ ⟨D_i, z⟩}: {@code
     * zp[zOff + i] − Σ_k w_k s_j q_ij} in single precision ({@link Kernels#subtractColumns}).
     *
     * @param zNorm {@code ‖z‖}
     * @param zBound a bound on the error of each {@code zp[zOff + i]}
     * @return a bound on the error of each product: the error of the products with z, each column's error times its
     *     weight, the rounding of the weights times the scales to single precision, that of the accumulation (at most
     *     {@code count + 1} roundings of values no larger than the sum of the terms' magnitudes), and the difference
     *     between the residual as computed in double precision and {@code z − Σ_k w_k D_k}, with a margin of 1 %
     */
    double residualProducts(Kernels kernels, DictionaryMatrix dict, float[] zp, int zOff, double zNorm, double zBound,
                            int[] concepts, double[] weights, int count, float[] out, int outOff) {
        int c = scale.length;
        int[] col = new int[count];
        float[] coef = new float[count];
        double errors = 0;
        double coefMagnitude = 0;
        double weightedNorms = 0;
        for (int k = 0; k < count; k++) {
            int j = concepts[k];
            col[k] = j * c;
            coef[k] = (float) (weights[k] * scale[j]);
            errors += weights[k] * columnError[j];
            coefMagnitude += Math.abs(coef[k]) * (double) LEVELS;
            weightedNorms += weights[k] * Math.sqrt(dict.rowNormSq()[j]);
        }
        kernels.subtractColumns(zp, zOff, columns, col, coef, count, out, outOff, c);
        double magnitude = dict.maxRowNorm() * zNorm + zBound + coefMagnitude;
        return 1.01 * (zBound + errors + UNIT_ROUNDOFF * coefMagnitude + (count + 1) * UNIT_ROUNDOFF * magnitude
                + (count + 1) * 0x1p-52 * dict.maxRowNorm() * (zNorm + weightedNorms));
    }
}
