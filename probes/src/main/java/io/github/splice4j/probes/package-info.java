/**
 * Interpretable probes on concept weights: sparse (L1) logistic regression through Tribuo's LibLinear
 * whose weights read as concepts, the dense (L2) baseline on embeddings, sparsity–accuracy sweeps over
 * λ paths, zero-shot classification on dense embeddings and on SpLiCE recompositions, and the accuracy
 * bookkeeping they share (overall, per class, per group). Labels come from a CSV table with optional
 * group and split columns.
 */
package io.github.splice4j.probes;
