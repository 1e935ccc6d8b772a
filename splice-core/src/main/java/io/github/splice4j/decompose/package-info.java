/**
 * The SpLiCE decomposer: normalise and centre an embedding, solve the nonnegative LASSO against a
 * concept dictionary, recompose, and report the reconstruction cosine, the l0 and the top concepts by
 * name. Batched, and streaming for inputs larger than memory.
 */
package io.github.splice4j.decompose;
