/**
 * Surgical concept removal. Concepts are named, not indexed: {@link io.github.splice4j.interventions.ConceptResolver}
 * resolves names (and, optionally, an explicit list of related names and every concept whose dictionary
 * embedding is close to a named one) to dictionary rows and reports the resolved set; unknown names
 * are errors that suggest the nearest names. Two modes: remove the concepts from decompositions and
 * recompose the dense embeddings ({@link io.github.splice4j.interventions.RepresentationIntervention}, the
 * reference's {@code intervene_image}), or zero their coefficients in a probe
 * ({@link io.github.splice4j.probes.ConceptProbe#withoutConcepts}). {@link io.github.splice4j.interventions.ConceptPresets}
 * holds the paper's concept lists.
 */
package io.github.splice4j.interventions;
