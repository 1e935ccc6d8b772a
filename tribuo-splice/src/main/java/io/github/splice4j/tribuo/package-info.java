/**
 * The Tribuo plugin: dense embedding features in, named sparse concept features out.
 *
 * <p>{@link io.github.splice4j.tribuo.EmbeddingDataSource} reads {@code .npy} embeddings and a CSV of
 * labels (group columns go into example metadata) as a Tribuo {@code DataSource}, with features named
 * {@code clip@0000}…; {@link io.github.splice4j.tribuo.ConceptFeaturizer} turns a dataset of such
 * features into one of concept features ({@code concept@bamboo forest}), decomposing all examples in
 * batches through the core solver; {@link io.github.splice4j.tribuo.SpliceTrainer} wraps any Tribuo
 * {@code Trainer} as {@code TransformTrainer} does, and its {@link io.github.splice4j.tribuo.SpliceModel}
 * decomposes at prediction time, reports concept names in {@code getTopFeatures}, explains predictions
 * by concept contributions, can drop named concepts (the interventions hook), carries provenance and
 * round-trips through Tribuo's serialisation.
 */
package io.github.splice4j.tribuo;
