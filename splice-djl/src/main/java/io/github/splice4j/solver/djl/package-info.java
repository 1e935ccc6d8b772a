/**
 * The nonnegative LASSO on DJL {@code NDArray}s: batched FISTA with adaptive restarts, written only
 * against DJL's {@code NDArray}/{@code NDManager} API so that the same code runs on a CPU or a GPU
 * through DJL's PyTorch engine, and stopped per embedding on the same relative duality gap as the CPU
 * solver.
 */
package io.github.splice4j.solver.djl;
