package io.github.splice4j.testkit;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptVocabulary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A classification task whose answer is known: every image of a {@link ClipLikeProblem} carries, for
 * each target, the concept of its label (e.g. "bamboo" for land, "beach" for water), plus random
 * background concepts. A probe must find the label concepts by name, and removing them must take its
 * accuracy to chance while other targets keep theirs.
 */
public final class PlantedConceptTask {
    /**
     * A binary target and the concept that marks each of its labels.
     * @param name the target's name (a label column)
     * @param positiveLabel one label
     * @param positiveConcept the concept planted for it
     * @param negativeLabel the other label
     * @param negativeConcept the concept planted for it
     */
    public record Target(String name, String positiveLabel, String positiveConcept, String negativeLabel,
                         String negativeConcept) {
    }

    private final double[][] embeddings;
    private final Map<String, List<String>> labels;

    private PlantedConceptTask(double[][] embeddings, Map<String, List<String>> labels) {
        this.embeddings = embeddings;
        this.labels = labels;
    }

    /**
     * @param problem the generated dictionary to compose images from
     * @param vocabulary its concept names
     * @param targets the targets
     * @param n the number of images
     * @param background random background concepts per image
     * @param noise the noise of each image
     * @param seed the random seed
     * @return the task
     */
    public static PlantedConceptTask generate(ClipLikeProblem problem, ConceptVocabulary vocabulary, List<Target> targets,
                                              int n, int background, double noise, long seed) {
        Random rng = new Random(seed);
        Map<String, List<String>> labels = new LinkedHashMap<>();
        targets.forEach(t -> labels.put(t.name(), new ArrayList<>()));
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> concepts = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (Target t : targets) {
                boolean pos = rng.nextBoolean();
                labels.get(t.name()).add(pos ? t.positiveLabel() : t.negativeLabel());
                concepts.add(index(vocabulary, pos ? t.positiveConcept() : t.negativeConcept()));
                weights.add(0.7 + 0.3 * rng.nextDouble());
            }
            for (int b = 0; b < background; b++) {
                concepts.add(rng.nextInt(vocabulary.size()));
                weights.add(0.3 + 0.7 * rng.nextDouble());
            }
            x[i] = problem.compose(concepts.stream().mapToInt(Integer::intValue).toArray(),
                    weights.stream().mapToDouble(Double::doubleValue).toArray(), noise, rng.nextLong());
        }
        return new PlantedConceptTask(x, labels);
    }

    private static int index(ConceptVocabulary v, String name) {
        int i = v.indexOf(name);
        if (i < 0) {
            throw new SpliceInputException("unknown concept '" + name + "' in " + v.source());
        }
        return i;
    }

    /** @return the image embeddings (a copy) */
    public double[][] embeddings() {
        return java.util.Arrays.stream(embeddings).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * @param target a target's name
     * @return its label per image
     */
    public List<String> labels(String target) {
        List<String> l = labels.get(target);
        if (l == null) {
            throw new SpliceInputException("unknown target '" + target + "'");
        }
        return List.copyOf(l);
    }
}
