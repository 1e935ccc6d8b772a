package io.github.splice4j.decompose;

/**
 * One concept of a decomposition.
 *
 * @param index the concept's index in the dictionary
 * @param name the concept's name
 * @param weight its (positive) weight
 */
public record ConceptWeight(int index, String name, double weight) {
}
