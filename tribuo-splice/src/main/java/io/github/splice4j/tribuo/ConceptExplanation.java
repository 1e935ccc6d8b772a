package io.github.splice4j.tribuo;

import io.github.splice4j.decompose.Decomposition;
import org.tribuo.Output;
import org.tribuo.Prediction;

import java.util.List;

/**
 * A prediction explained by the concepts of the example's decomposition.
 *
 * @param prediction the prediction
 * @param decomposition the example's decomposition
 * @param contributions per concept, largest absolute contribution first
 * @param <T> the output type
 */
public record ConceptExplanation<T extends Output<T>>(Prediction<T> prediction, Decomposition decomposition,
                                                     List<ConceptContribution> contributions) {
}
