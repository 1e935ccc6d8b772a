/**
 * Sparse, interpretable linear probes on concept weights (L1 logistic regression through Tribuo),
 * zero-shot classifiers and sparsity-accuracy sweeps.
 *
 * <p>This module is a placeholder until its issue is taken; it depends on the core only.
 */
package io.github.splice4j.probes;
