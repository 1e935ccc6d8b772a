package io.github.splice4j.solver;

/** Dense Cholesky factorisation and solve for the small active-set systems of the solver. */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * Systems of at least this size are factored by columns ({@link #solveColumnMajor}), smaller ones by rows
     * ({@link #solveInPlace}). By rows, every entry of the factor ends in a dot product, whose lanes are summed one at
     * a time: at the 285 active concepts of λ = 0.05 the lane sums of the factor's dot products alone were about a
     * tenth of the solver's time (async-profiler). By columns, each entry is a chain of multiply-adds, eight rows to a
     * vector, with no sum across lanes. Below this size, where a system is a few dozen concepts (λ = 0.25), the factor
     * keeps the bits it had before.
     */
    static final int COLUMNS_FROM = 64;

    /**
     * Entries past {@code n²} that a column-major matrix given to {@link #solveColumnMajor} should have (their values do
     * not matter): with them, the columns are computed two at a time ({@link Kernels#choleskyColumnPair}), whose last
     * rows the vector kernels compute as one block of independent chains instead of single vectors and single rows,
     * each a chain of {@code j} dependent multiply-adds.
     */
    static final int PADDING = 32;

    /** @return whether a system of size n is factored by columns, so that its matrix is given column-major */
    static boolean columnMajor(int n) {
        return n >= COLUMNS_FROM;
    }

    /**
     * Solves {@code A x = rhs} for a symmetric positive-definite {@code A} given column-major: {@code a[i + j·n]} for
     * {@code i ≥ j} (left-looking: column j from the columns before it, {@link Kernels#choleskyColumn}; where {@code
     * a} has {@link #PADDING} entries past {@code n²}, two columns at a time, {@link Kernels#choleskyColumnPair}, with
     * the same bits).
     * @param a the lower triangle of {@code A}, column-major n × n; overwritten by its factor
     * @param n the size
     * @param rhs the right-hand side; overwritten by the solution
     * @param kernels the column updates to use
     * @return false if {@code A} is not numerically positive definite
     */
    static boolean solveColumnMajor(double[] a, int n, double[] rhs, Kernels kernels) {
        boolean pairs = a.length >= n * n + PADDING;
        for (int j = 0; j < n; j++) {
            int jn = j * n;
            double ajj = a[jn + j];
            if (pairs && j + 1 < n) {
                // two columns sharing their loads, then column j + 1's last term, k = j: each entry the same chain
                double next = a[jn + n + j + 1];
                kernels.choleskyColumnPair(a, n, j);
                if (!finishColumn(a, n, j, ajj)) {
                    return false;
                }
                double s = -a[jn + j + 1];
                for (int i = j + 1; i < n; i++) {
                    a[jn + n + i] = Math.fma(a[jn + i], s, a[jn + n + i]);
                }
                if (!finishColumn(a, n, ++j, next)) {
                    return false;
                }
            } else {
                kernels.choleskyColumn(a, n, j);
                if (!finishColumn(a, n, j, ajj)) {
                    return false;
                }
            }
        }
        // L y = rhs, by columns
        for (int k = 0; k < n; k++) {
            int kn = k * n;
            double y = rhs[k] / a[kn + k];
            rhs[k] = y;
            for (int i = k + 1; i < n; i++) {
                rhs[i] = Math.fma(-a[kn + i], y, rhs[i]);
            }
        }
        // Lᵀ x = y: row i of Lᵀ is column i of L
        for (int i = n - 1; i >= 0; i--) {
            int in = i * n;
            double s = rhs[i];
            for (int k = i + 1; k < n; k++) {
                s = Math.fma(-a[in + k], rhs[k], s);
            }
            rhs[i] = s / a[in + i];
        }
        return true;
    }

    /**
     * Column {@code j}'s diagonal (updated from the columns before it) checked against the entry it had, {@code ajj},
     * its square root taken and the rows below divided by it.
     * @return false if the matrix is not numerically positive definite there
     */
    private static boolean finishColumn(double[] a, int n, int j, double ajj) {
        int jn = j * n;
        double diag = a[jn + j];
        if (!(diag > 1e-13 * Math.max(1.0, Math.abs(ajj)))) {
            return false;
        }
        double root = Math.sqrt(diag);
        a[jn + j] = root;
        for (int i = j + 1; i < n; i++) {
            a[jn + i] /= root;
        }
        return true;
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
