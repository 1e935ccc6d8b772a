package io.github.splice4j.eval;

import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.provenance.EvaluationProvenance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tribuo {@link Evaluation} of group metrics: {@link #asMap()} holds {@code average-accuracy},
 * {@code worst-group-accuracy}, {@code weighted-average-accuracy}, {@code group-gap} and
 * {@code accuracy[GROUP]} per group (all under the macro-average target); {@link #metrics()} has the intervals.
 */
public final class GroupEvaluation implements Evaluation<Label> {
    private final GroupMetrics metrics;
    private final List<Prediction<Label>> predictions;
    private final EvaluationProvenance provenance;

    GroupEvaluation(GroupMetrics metrics, List<Prediction<Label>> predictions, EvaluationProvenance provenance) {
        this.metrics = metrics;
        this.predictions = List.copyOf(predictions);
        this.provenance = provenance;
    }

    /** @return the group metrics with their intervals */
    public GroupMetrics metrics() {
        return metrics;
    }

    @Override
    public Map<MetricID<Label>, Double> asMap() {
        MetricTarget<Label> all = MetricTarget.macroAverageTarget();
        Map<MetricID<Label>, Double> m = new LinkedHashMap<>();
        m.put(new MetricID<>(all, "average-accuracy"), metrics.average().value());
        m.put(new MetricID<>(all, "worst-group-accuracy"), metrics.worstGroup().value());
        m.put(new MetricID<>(all, "weighted-average-accuracy"), metrics.weightedAverage().value());
        m.put(new MetricID<>(all, "group-gap"), metrics.gap().value());
        for (GroupMetrics.Group g : metrics.groups()) {
            m.put(new MetricID<>(all, "accuracy[" + g.group() + "]"), g.accuracy());
        }
        return m;
    }

    @Override
    public List<Prediction<Label>> getPredictions() {
        return predictions;
    }

    @Override
    public EvaluationProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "GroupEvaluation(worst group %s %.4f, average %.4f, %d groups)",
                metrics.worstGroupName(), metrics.worstGroup().value(), metrics.average().value(), metrics.groups().size());
    }
}
