package io.github.splice4j.tribuo;

import org.tribuo.Model;

import java.util.Optional;

/**
 * The exact decision function {@code w·x + b} of a linear inner model, per output: the coefficient of each
 * feature and the bias. Known for LibLinear models (read from LibLinear's own model, whose decision values
 * these are); other models (trees, ensembles, models trained on transformed features) have none, and
 * explanations say so rather than guess. LibLinear is an optional dependency: its classes are touched only
 * when they are on the class path.
 */
final class LinearDecision {
    private static final boolean LIBLINEAR = present("org.tribuo.common.liblinear.LibLinearModel");

    /** [output id][feature id] */
    private final double[][] coefficients;
    /** [output id] */
    private final double[] bias;

    private LinearDecision(double[][] coefficients, double[] bias) {
        this.coefficients = coefficients;
        this.bias = bias;
    }

    /**
     * @param inner an inner model
     * @return its decision function, when it is a LibLinear model
     */
    static Optional<LinearDecision> of(Model<?> inner) {
        return LIBLINEAR ? LibLinearAccess.decision(inner) : Optional.empty();
    }

    /**
     * @param featureId the Tribuo feature id
     * @param outputId the Tribuo output id
     * @return the coefficient of the feature in that output's decision function
     */
    double coefficient(int featureId, int outputId) {
        return coefficients[outputId][featureId];
    }

    /**
     * @param outputId the Tribuo output id
     * @return the bias of that output's decision function (0 when the model has no bias term)
     */
    double bias(int outputId) {
        return bias[outputId];
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, LinearDecision.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The only code that names LibLinear's classes. */
    private static final class LibLinearAccess {
        static Optional<LinearDecision> decision(Model<?> inner) {
            if (!(inner instanceof org.tribuo.common.liblinear.LibLinearModel<?> l) || l.getInnerModels().size() != 1) {
                return Optional.empty();
            }
            de.bwaldvogel.liblinear.Model m = l.getInnerModels().get(0);
            int outputs = inner.getOutputIDInfo().size();
            int features = inner.getFeatureIDMap().size();
            int[] labels = m.getLabels();
            double[][] coefficients = new double[outputs][features];
            double[] bias = new double[outputs];
            for (int out = 0; out < outputs; out++) {
                int k = -1;
                if (labels == null) {
                    k = 0;   // regression: one decision function
                } else {
                    for (int j = 0; j < labels.length; j++) {
                        k = labels[j] == out ? j : k;
                    }
                }
                if (k < 0) {
                    return Optional.empty();
                }
                for (int f = 0; f < features; f++) {
                    coefficients[out][f] = m.getDecfunCoef(f + 1, k);
                }
                bias[out] = m.getBias() >= 0 ? m.getDecfunBias(k) : 0.0;
            }
            return Optional.of(new LinearDecision(coefficients, bias));
        }
    }
}
