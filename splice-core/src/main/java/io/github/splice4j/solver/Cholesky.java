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
     * @param kernels the inner products to use
     * @return false if {@code A} is not numerically positive definite
     */
    static boolean solveInPlace(double[] a, int n, double[] rhs, Kernels kernels) {
        // row-oriented (Cholesky–Banachiewicz): every inner product is over two contiguous row prefixes
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j < i; j++) {
                int rj = j * n;
                a[ri + j] = (a[ri + j] - kernels.dot(a, ri, a, rj, j)) / a[rj + j];
            }
            double diag = a[ri + i] - kernels.dot(a, ri, a, ri, i);
            if (!(diag > 1e-13 * Math.max(1.0, Math.abs(a[ri + i])))) {
                return false;
            }
            a[ri + i] = Math.sqrt(diag);
        }
        for (int i = 0; i < n; i++) {
            rhs[i] = (rhs[i] - kernels.dot(a, i * n, rhs, 0, i)) / a[i * n + i];
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
