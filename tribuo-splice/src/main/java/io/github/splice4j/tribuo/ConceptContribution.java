package io.github.splice4j.tribuo;

/**
 * How one concept contributed to a prediction.
 *
 * @param concept the concept's name
 * @param conceptWeight its weight in the example's decomposition
 * @param modelWeight the inner model's coefficient for it and the predicted output (0 for a concept the model never
 *     saw in training; NaN when the model is not linear)
 * @param contribution {@code conceptWeight × modelWeight} (NaN when the model is not linear)
 */
public record ConceptContribution(String concept, double conceptWeight, double modelWeight, double contribution) {
}
