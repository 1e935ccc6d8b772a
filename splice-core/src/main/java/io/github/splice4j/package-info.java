/**
 * Splice4J core: Sparse Linear Concept Embeddings (SpLiCE) on the JVM, on the JDK alone.
 *
 * <p>Sub-packages: {@link io.github.splice4j.npy} (NumPy {@code .npy} files),
 * {@link io.github.splice4j.concepts} (vocabularies, concept dictionaries and image means),
 * {@link io.github.splice4j.solver} (the exact nonnegative LASSO with its duality-gap certificate, penalties,
 * target sparsity and λ paths) and {@link io.github.splice4j.decompose} (the SpLiCE decomposer).
 * {@code io.github.splice4j.internal} holds helpers shared by the modules and is not part of the API.
 */
package io.github.splice4j;
