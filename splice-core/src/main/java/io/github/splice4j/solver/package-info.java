/**
 * The nonnegative LASSO at the heart of SpLiCE, solved exactly and certified.
 *
 * <p>For a dictionary {@code D} (concepts × dimension) and a target {@code z}, a
 * {@link io.github.splice4j.solver.NonnegativeLassoSolver} finds
 * {@code argmin_w ||Dᵀw − z||² + λ||w||₁, w ≥ 0}. Every {@link io.github.splice4j.solver.LassoResult}
 * carries its objective and its duality gap (see {@link io.github.splice4j.solver.DualityGap}), so a
 * caller can check optimality without trusting the solver.
 *
 * <p>{@link io.github.splice4j.solver.WorkingSetLassoSolver} is the CPU solver: batched single-precision
 * matrix products (JDK Vector API, deterministic summation order; for one to three targets, products from a
 * 16-bit copy of the dictionary) pick working sets and check optimality over all concepts; small
 * double-precision subproblems, solved by coordinate descent and polished on the active set, give exact
 * zeros and the weights; the working sets and the certificate are computed in double precision, with
 * rigorous bounds on the approximate products deciding which exact products are needed.
 */
package io.github.splice4j.solver;
