/**
 * Bias and spurious-correlation evaluation: Waterbirds and CelebA loaders, group metrics with
 * confidence intervals, spurious-concept discovery and reports.
 *
 * <p>This module is a placeholder until its issue is taken; it may use every other module.
 */
package io.github.splice4j.eval;
