/**
 * Concept vocabularies (the bundled {@code laion}, {@code laion_bigrams} and {@code mscoco} lists from
 * the SpLiCE reference, or a user's file), concept dictionaries built from concept embeddings the way
 * the reference builds them, and the bundled CLIP image means used for centring.
 */
package io.github.splice4j.concepts;
