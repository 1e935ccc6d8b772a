/**
 * Splice4J core: Sparse Linear Concept Embeddings (SpLiCE) on the JVM.
 *
 * <p>Sub-packages: {@link io.github.splice4j.npy} (NumPy {@code .npy} files),
 * {@link io.github.splice4j.concepts} (vocabularies, concept dictionaries and image means),
 * {@link io.github.splice4j.solver} (the exact nonnegative LASSO with its duality-gap certificate),
 * {@link io.github.splice4j.decompose} (the SpLiCE decomposer) and
 * {@link io.github.splice4j.synthetic} (CLIP-like problems whose answer is known).
 */
package io.github.splice4j;
