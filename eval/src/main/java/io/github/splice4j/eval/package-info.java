/**
 * Bias and spurious-correlation evaluation: group metrics as the literature reports them (WILDS
 * worst-group and average accuracy, DFR's train-proportion weighted accuracy, the accuracy gap) with
 * seeded bootstrap percentile intervals and per-group Wilson intervals, a group evaluator for Tribuo
 * models, Waterbirds and CelebA loaders joined to precomputed embeddings, spurious-concept discovery
 * (concepts that track a spurious attribute within each class, with Mann–Whitney tests and effect
 * sizes), split shift, and self-contained HTML reports with SVG plots.
 */
package io.github.splice4j.eval;
