/**
 * Surgical concept removal: resolve concepts by name (with related-concept expansion), remove them
 * from decompositions or from probe weights, and report what changed.
 *
 * <p>This module is a placeholder until its issue is taken; it depends on the core only.
 */
package io.github.splice4j.interventions;
