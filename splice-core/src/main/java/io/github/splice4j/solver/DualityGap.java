package io.github.splice4j.solver;

/**
 * The duality-gap certificate of the nonnegative LASSO {@code min_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0}.
 *
 * <p>With the residual {@code r = z − Dᵀw}, the dual is {@code max_θ −θᵀz − ||θ||²/4} subject to
 * {@code ⟨D_i, θ⟩ ≥ −λ} for every concept. Scaling the residual to feasibility,
 * {@code s = min(1, λ / max_i 2⟨D_i, r⟩)} ({@code s = 1} when that maximum is ≤ 0) and
 * {@code θ = −2sr}, gives the dual value {@code 2s⟨r, z⟩ − s²||r||²}, and the gap
 * {@code ||r||² + λ||w||₁ − (2s⟨r, z⟩ − s²||r||²) ≥ 0}, zero exactly at the optimum.
 */
public final class DualityGap {
    private DualityGap() {
    }

    /**
     * The gap from the quantities it depends on.
     * @param residualNormSq {@code ||r||²}
     * @param residualDotTarget {@code ⟨r, z⟩}
     * @param l1Norm {@code ||w||₁}
     * @param maxCorrelation {@code max_i ⟨D_i, r⟩}
     * @param lambda λ
     * @return the gap, clamped at 0 against rounding
     */
    public static double gap(double residualNormSq, double residualDotTarget, double l1Norm,
                             double maxCorrelation, double lambda) {
        double s = 2 * maxCorrelation <= lambda ? 1.0 : lambda / (2 * maxCorrelation);
        double primal = residualNormSq + lambda * l1Norm;
        double dual = 2 * s * residualDotTarget - s * s * residualNormSq;
        return Math.max(0.0, primal - dual);
    }

    /**
     * Independently certifies a solution in double precision over every concept (O(c·d)): use it to
     * check a result without trusting the solver that produced it.
     * @param dictionary the dictionary
     * @param target the target {@code z}
     * @param result a solution for {@code z}
     * @return the duality gap of {@code result}'s weights at {@code result.lambda()}
     */
    public static Certificate certify(DictionaryMatrix dictionary, double[] target, LassoResult result) {
        double[] r = target.clone();
        double[] dw = dictionary.combine(result.indices(), result.weights());
        for (int j = 0; j < r.length; j++) {
            r[j] -= dw[j];
        }
        Kernels k = Kernels.current();
        double rr = k.dot(r, 0, r, 0, r.length);
        double rz = k.dot(r, 0, target, 0, r.length);
        double max = Double.NEGATIVE_INFINITY;
        double kkt = 0;
        double lambda = result.lambda();
        for (int i = 0; i < dictionary.concepts(); i++) {
            double g = 2 * dictionary.dot(i, r);
            max = Math.max(max, g / 2);
            double violation = result.weight(i) > 0 ? Math.abs(g - lambda) : Math.max(0.0, g - lambda);
            kkt = Math.max(kkt, violation);
        }
        double l1 = result.l1Norm();
        double objective = rr + lambda * l1;
        return new Certificate(objective, gap(rr, rz, l1, max, lambda), kkt);
    }

    /**
     * An independent certificate of one solution.
     * @param objective the primal objective
     * @param gap the duality gap
     * @param kktViolation the largest violation of the KKT conditions: {@code |2⟨D_i, r⟩ − λ|} on the
     *                     support, {@code max(0, 2⟨D_i, r⟩ − λ)} off it
     */
    public record Certificate(double objective, double gap, double kktViolation) {
        /** @return the gap relative to the objective */
        public double relativeGap() {
            return objective > 0 ? gap / objective : 0.0;
        }
    }
}
