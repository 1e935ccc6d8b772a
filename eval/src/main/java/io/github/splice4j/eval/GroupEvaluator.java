package io.github.splice4j.eval;

import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluator;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.EvaluationProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Tribuo {@link Evaluator} of classification models by group: the group of an example is the combination
 * {@code key=value,…} of the given metadata keys (as {@code EmbeddingDataSource} stores group columns). It
 * gives per-group accuracy with Wilson intervals, worst-group, average and (with the training split's group
 * proportions) weighted accuracy and the gap, with seeded bootstrap intervals ({@link GroupMetrics}), as a
 * {@link GroupEvaluation} whose provenance names the model and the test data. It plugs in wherever Tribuo
 * takes an evaluator, {@code CrossValidation} included. Immutable and thread-safe.
 */
public final class GroupEvaluator implements Evaluator<Label, GroupEvaluation> {
    private final List<String> groupKeys;
    private final int resamples;
    private final double level;
    private final long seed;
    private final Map<String, Double> trainProportions;

    /**
     * An evaluator without train proportions (its weighted average is NaN).
     * @param groupKeys the metadata keys that make a group
     * @param resamples bootstrap resamples (0 for none)
     * @param level interval level, e.g. 0.95
     * @param seed bootstrap seed
     */
    public GroupEvaluator(List<String> groupKeys, int resamples, double level, long seed) {
        this(groupKeys, resamples, level, seed, null);
    }

    private GroupEvaluator(List<String> groupKeys, int resamples, double level, long seed,
                           Map<String, Double> trainProportions) {
        this.groupKeys = List.copyOf(groupKeys);
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
        this.trainProportions = trainProportions == null ? null : Map.copyOf(trainProportions);
    }

    /**
     * @param proportions each group's share of the training data (see {@link #proportions})
     * @return an evaluator that also reports the train-proportion weighted average
     */
    public GroupEvaluator withTrainProportions(Map<String, Double> proportions) {
        return new GroupEvaluator(groupKeys, resamples, level, seed, proportions);
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

    @Override
    public GroupEvaluation evaluate(Model<Label> model, Dataset<Label> dataset) {
        return evaluate(model, model.predict(dataset), dataset.getProvenance());
    }

    @Override
    public GroupEvaluation evaluate(Model<Label> model, DataSource<Label> datasource) {
        List<Example<Label>> examples = new ArrayList<>();
        datasource.forEach(examples::add);
        return evaluate(model, model.predict(examples), datasource.getProvenance());
    }

    @Override
    public GroupEvaluation evaluate(Model<Label> model, List<Prediction<Label>> predictions, DataProvenance dataProvenance) {
        List<String> predicted = new ArrayList<>(predictions.size());
        List<String> truth = new ArrayList<>(predictions.size());
        List<String> groups = new ArrayList<>(predictions.size());
        for (Prediction<Label> p : predictions) {
            predicted.add(p.getOutput().getLabel());
            truth.add(p.getExample().getOutput().getLabel());
            groups.add(groupOf(p.getExample()));
        }
        GroupMetrics metrics = GroupMetrics.compute(predicted, truth, groups, trainProportions, resamples, level, seed);
        return new GroupEvaluation(metrics, predictions, new EvaluationProvenance(model.getProvenance(), dataProvenance));
    }

    /**
     * Group metrics of a model on test data.
     * @param model the model
     * @param test the test data
     * @param trainProportions train group proportions, or null
     * @return the group metrics
     */
    public GroupMetrics evaluate(Model<Label> model, Dataset<Label> test, Map<String, Double> trainProportions) {
        return withTrainProportions(trainProportions).evaluate(model, test).metrics();
    }

    @Override
    public String toString() {
        return "GroupEvaluator(groups=" + groupKeys + ", resamples=" + resamples + ", level=" + level + ", seed=" + seed + ")";
    }
}
