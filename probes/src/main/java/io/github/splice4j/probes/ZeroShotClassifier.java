package io.github.splice4j.probes;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot classification: each class is the embedding of a prompt ("a photo of a {class}"); an
 * embedding gets the class of highest cosine. Apply it to dense embeddings and to SpLiCE
 * recompositions to compare the two.
 */
public final class ZeroShotClassifier {
    /** The prompt template of the paper and of CLIP. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}";
    private final List<String> classes;
    private final double[][] classEmbeddings;

    /**
     * @param classes class names
     * @param classEmbeddings one embedding per class (a text encoder's embedding of the class prompt)
     */
    public ZeroShotClassifier(List<String> classes, double[][] classEmbeddings) {
        if (classes.size() != classEmbeddings.length || classes.isEmpty()) {
            throw SpliceInputException.forParameter("classes", "" + classes.size() + " class names but " + classEmbeddings.length
                    + " class embeddings");
        }
        this.classes = List.copyOf(classes);
        this.classEmbeddings = new double[classEmbeddings.length][];
        for (int i = 0; i < classEmbeddings.length; i++) {
            this.classEmbeddings[i] = Vectors.normalized(classEmbeddings[i]);
        }
    }

    /**
     * @param template a prompt template with {@code {}} for the class name
     * @param classes class names
     * @return the prompts
     */
    public static List<String> prompts(String template, List<String> classes) {
        if (!template.contains("{}")) {
            throw SpliceInputException.forParameter("template", "must contain {} for the class name, got '" + template + "'");
        }
        return classes.stream().map(c -> template.replace("{}", c)).toList();
    }

    /** @return the class names */
    public List<String> classes() {
        return classes;
    }

    /**
     * @param embeddings embeddings of the class embeddings' dimension
     * @return the predicted class of each
     */
    public List<String> predict(double[][] embeddings) {
        List<String> out = new ArrayList<>(embeddings.length);
        for (double[] x : embeddings) {
            if (x.length != classEmbeddings[0].length) {
                throw SpliceInputException.forParameter("classEmbeddings", "dimension " + classEmbeddings[0].length
                        + ", the embeddings have dimension " + x.length);
            }
            int best = 0;
            double bestCos = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classEmbeddings.length; k++) {
                double cos = Vectors.cosine(x, classEmbeddings[k]);
                if (cos > bestCos) {
                    bestCos = cos;
                    best = k;
                }
            }
            out.add(classes.get(best));
        }
        return out;
    }
}
