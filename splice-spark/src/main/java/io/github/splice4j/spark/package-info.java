/**
 * SpLiCE on Apache Spark: {@link io.github.splice4j.spark.ConceptDecomposition}, a Spark ML {@code Transformer}
 * that decomposes a column of embeddings into sparse concept weights and saves and loads inside a
 * {@code Pipeline}; and {@link io.github.splice4j.spark.ShardDecompositionJob}, which decomposes {@code .npy}
 * shards (read by row ranges on any Hadoop file system) or Parquet into Parquet, with a concept summary. Both run
 * {@code splice-core}'s exact solver, one thread per task, so Spark owns the parallelism.
 */
package io.github.splice4j.spark;
