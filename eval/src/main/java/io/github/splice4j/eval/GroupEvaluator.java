package io.github.splice4j.eval;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a Tribuo classification model by group, straight from a Tribuo {@link Dataset} whose
 * examples carry their group attributes in metadata (as {@code EmbeddingDataSource} stores them):
 * the group of an example is the combination {@code key=value,…} of the given metadata keys.
 */
public final class GroupEvaluator {
    private final List<String> groupKeys;
    private final int resamples;
    private final double level;
    private final long seed;

    /**
     * @param groupKeys the metadata keys that make a group
     * @param resamples bootstrap resamples
     * @param level interval level
     * @param seed bootstrap seed
     */
    public GroupEvaluator(List<String> groupKeys, int resamples, double level, long seed) {
        this.groupKeys = List.copyOf(groupKeys);
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /**
     * @param example an example
     * @return its group key
     */
    public String groupOf(Example<?> example) {
        StringBuilder sb = new StringBuilder();
        for (String k : groupKeys) {
            Object v = example.getMetadataValue(k).orElseThrow(() ->
                    new io.github.splice4j.SpliceInputException("example has no metadata '" + k + "' (a group key)"));
            sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v);
        }
        return sb.toString();
    }

    /**
     * @param dataset a dataset
     * @return each group's share of it (the train proportions for the weighted average)
     */
    public Map<String, Double> proportions(Dataset<Label> dataset) {
        List<String> g = new ArrayList<>();
        dataset.forEach(e -> g.add(groupOf(e)));
        return GroupMetrics.proportions(g);
    }

    /**
     * @param model the model
     * @param test the test data
     * @param trainProportions train group proportions, or null
     * @return the group metrics
     */
    public GroupMetrics evaluate(Model<Label> model, Dataset<Label> test, Map<String, Double> trainProportions) {
        List<String> predicted = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Prediction<Label> p : model.predict(test)) {
            predicted.add(p.getOutput().getLabel());
            truth.add(p.getExample().getOutput().getLabel());
            groups.add(groupOf(p.getExample()));
        }
        return GroupMetrics.compute(predicted, truth, groups, trainProportions, resamples, level, seed);
    }
}
