package io.github.splice4j.tribuo;

/**
 * How one concept contributed to a prediction.
 *
 * @param concept the concept's name
 * @param conceptWeight its weight in the example's decomposition
 * @param modelWeight the inner model's weight for it and the predicted output (NaN if the model has none)
 * @param contribution {@code conceptWeight × modelWeight} (NaN if the model has no weight)
 */
public record ConceptContribution(String concept, double conceptWeight, double modelWeight, double contribution) {
}
