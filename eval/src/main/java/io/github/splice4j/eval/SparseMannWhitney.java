package io.github.splice4j.eval;

import java.util.Arrays;

/**
 * The Mann–Whitney U test of two samples that are mostly zeros, from their non-zero values and their sizes
 * alone: the zeros form one tie block ranked below every (positive) non-zero value, so the rank sum, the exact
 * tie-corrected variance and the normal z-score cost {@code O(nnz log nnz)} instead of {@code O(n log n)}.
 *
 * <p>U of the first sample is {@code R_A − n_A(n_A+1)/2} with average ranks for ties (as Commons Math's
 * {@code NaturalRanking} with {@code TiesStrategy.AVERAGE} gives); its variance under the null hypothesis is
 * {@code n_A n_B / 12 · ((N+1) − Σ(t³ − t) / (N(N−1)))} over the tie blocks {@code t} (the zeros and any tied
 * non-zero values), and {@code z = (U − n_A n_B / 2) / σ}, with no continuity correction. Commons Math's
 * {@code MannWhitneyUTest} uses the variance without the tie term; with a large block of zeros that
 * overstates σ, so its p-values are too large.
 */
final class SparseMannWhitney {
    /**
     * The test's statistics.
     * @param u U of the first sample
     * @param mean its mean under the null hypothesis, {@code n_A n_B / 2}
     * @param variance its tie-corrected variance under the null hypothesis
     * @param z the signed z-score (positive: the first sample ranks higher); 0 when the variance is 0
     * @param rankBiserial the rank-biserial correlation {@code 2U / (n_A n_B) − 1}
     */
    record Result(double u, double mean, double variance, double z, double rankBiserial) {
    }

    private SparseMannWhitney() {
    }

    /**
     * @param a the first sample's non-zero values, all &gt; 0 (any order; not changed)
     * @param nA the first sample's size, zeros included (≥ {@code a.length})
     * @param b the second sample's non-zero values, all &gt; 0
     * @param nB the second sample's size, zeros included
     * @return U, its null mean and variance, z and the rank-biserial correlation
     */
    static Result test(double[] a, int nA, double[] b, int nB) {
        if (a.length > nA || b.length > nB || nA < 1 || nB < 1) {
            throw new IllegalArgumentException("sample sizes " + nA + ", " + nB + " with " + a.length + ", " + b.length
                    + " non-zero values");
        }
        int m = a.length + b.length;
        double[] values = new double[m];
        boolean[] first = new boolean[m];
        for (int i = 0; i < m; i++) {
            double v = i < a.length ? a[i] : b[i - a.length];
            if (!(v > 0)) {
                throw new IllegalArgumentException("non-zero values must be positive, got " + v);
            }
            values[i] = v;
            first[i] = i < a.length;
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        long zeros = (long) (nA - a.length) + (nB - b.length);
        double n = (double) nA + nB;
        double rankSumA = (nA - a.length) * (zeros + 1) / 2.0;
        double ties = (double) zeros * zeros * zeros - zeros;
        for (int start = 0; start < m; ) {
            int end = start;
            while (end + 1 < m && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double t = end - start + 1;
            double averageRank = zeros + (start + 1 + end + 1) / 2.0;
            for (int k = start; k <= end; k++) {
                if (first[order[k]]) {
                    rankSumA += averageRank;
                }
            }
            ties += t * t * t - t;
            start = end + 1;
        }
        double u = rankSumA - nA * ((double) nA + 1) / 2.0;
        double mean = (double) nA * nB / 2.0;
        double variance = n > 1 ? (double) nA * nB / 12.0 * ((n + 1) - ties / (n * (n - 1))) : 0;
        double z = variance > 0 ? (u - mean) / Math.sqrt(variance) : 0;
        return new Result(u, mean, variance, z, 2 * u / ((double) nA * nB) - 1);
    }
}
