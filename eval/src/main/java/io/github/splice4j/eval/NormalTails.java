package io.github.splice4j.eval;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided normal p-values in log space, so that overwhelming evidence (|z| in the tens, as at CelebA's size)
 * stays a finite, ordered number instead of underflowing to 0.
 */
final class NormalTails {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalTails() {
    }

    /**
     * @param z a z-score
     * @return {@code ln(2Φ(−|z|))}, the natural log of the two-sided p-value
     */
    static double logTwoSided(double z) {
        double x = Math.abs(z);
        if (x < 8) {
            return Math.log(2 * NORMAL.cumulativeProbability(-x));
        }
        // Φ(−x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − …); at x ≥ 8 the omitted terms are below 1e-7
        double r = 1 / (x * x);
        double series = 1 - r * (1 - 3 * r * (1 - 5 * r * (1 - 7 * r)));
        return Math.log(2) - x * x / 2 - Math.log(x) - LOG_SQRT_2PI + Math.log(series);
    }

    /**
     * @param z a z-score
     * @return {@code log10(2Φ(−|z|))}
     */
    static double log10TwoSided(double z) {
        return logTwoSided(z) / Math.log(10);
    }

    /**
     * @param z a z-score
     * @return the two-sided p-value {@code 2Φ(−|z|)} (0 where it underflows a double)
     */
    static double twoSided(double z) {
        return Math.exp(logTwoSided(z));
    }

    /**
     * @param alpha a two-sided significance level in (0, 1)
     * @return the |z| at which the two-sided p-value is alpha
     */
    static double critical(double alpha) {
        return NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    }
}
