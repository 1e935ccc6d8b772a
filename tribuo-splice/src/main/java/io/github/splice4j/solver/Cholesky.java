package io.github.splice4j.solver;

/** Dense Cholesky factorisation and solve for the small active-set systems of the solver. */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * Solves {@code A x = rhs} for a symmetric positive-definite {@code A}.
     * @param a the lower triangle of {@code A}, row-major n × n; overwritten by its factor
     * @param n the size
     * @param rhs the right-hand side; overwritten by the solution
     * @return false if {@code A} is not numerically positive definite
     */
    static boolean solveInPlace(double[] a, int n, double[] rhs) {
        for (int j = 0; j < n; j++) {
            double diag = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * n + k] * a[j * n + k];
            }
            if (!(diag > 1e-13 * Math.max(1.0, Math.abs(a[j * n + j])))) {
                return false;
            }
            double ljj = Math.sqrt(diag);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / ljj;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * rhs[k];
            }
            rhs[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = rhs[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * rhs[k];
            }
            rhs[i] = s / a[i * n + i];
        }
        return true;
    }
}
