/**
 * Generated CLIP-like problems whose answer is known: a dictionary of correlated concept embeddings
 * (shared direction, topic clusters, idiosyncratic parts), and image embeddings built around a real
 * bundled image mean from a few planted concepts plus noise. Used by {@code splice demo},
 * {@code splice bench} and the tests. The concept embeddings are synthetic, not CLIP's.
 */
package io.github.splice4j.testkit;
