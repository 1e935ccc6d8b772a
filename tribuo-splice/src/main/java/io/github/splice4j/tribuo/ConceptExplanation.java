package io.github.splice4j.tribuo;

import io.github.splice4j.decompose.Decomposition;
import org.tribuo.Output;
import org.tribuo.Prediction;

import java.util.List;

/**
 * A prediction explained by the concepts of the example's decomposition.
 *
 * <p>For a linear inner model (LibLinear) the explanation is exact: each contribution is the concept's weight
 * times the model's coefficient for the predicted output, and the contributions plus the bias sum to the decision
 * value {@code w·x + b} of that output (for logistic regression, its log-odds: with two classes the predicted
 * probability is {@code 1/(1 + e^−decision)}; for a support vector classifier, the score itself). For any other
 * inner model (trees, ensembles, a model trained on transformed features) {@link #linear()} is false and the
 * coefficients, contributions, bias and decision value are NaN: there is no exact per-concept attribution to give.
 *
 * @param prediction the prediction
 * @param decomposition the example's decomposition
 * @param contributions per concept, largest absolute contribution first
 * @param bias the decision function's bias for the predicted output (NaN when not linear)
 * @param decisionValue the sum of the contributions and the bias (NaN when not linear)
 * @param linear whether the inner model's decision function is known exactly
 * @param <T> the output type
 */
public record ConceptExplanation<T extends Output<T>>(Prediction<T> prediction, Decomposition decomposition,
                                                     List<ConceptContribution> contributions, double bias,
                                                     double decisionValue, boolean linear) {
}
