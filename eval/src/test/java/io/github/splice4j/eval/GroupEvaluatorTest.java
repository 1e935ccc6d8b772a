package io.github.splice4j.eval;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Tribuo model evaluated by group straight from a dataset whose examples carry groups in metadata. */
class GroupEvaluatorTest {

    private static MutableDataset<Label> data(int n, long seed) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("t", OffsetDateTime.now(), f), f);
        Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            boolean y = rng.nextBoolean();
            String place = rng.nextDouble() < 0.8 ? (y ? "water" : "land") : (y ? "land" : "water");
            ArrayExample<Label> e = new ArrayExample<>(new Label(y ? "1" : "0"), Map.of("place", place));
            // the feature is the place, not the label: the model will fail where they disagree
            e.add("x", place.equals("water") ? 1 + 0.1 * rng.nextGaussian() : -1 + 0.1 * rng.nextGaussian());
            d.add(e);
        }
        return d;
    }

    @Test
    void groupsComeFromMetadata() {
        MutableDataset<Label> train = data(400, 1);
        MutableDataset<Label> test = data(400, 2);
        Model<Label> model = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 100, 0.01).train(train);
        GroupEvaluator ev = new GroupEvaluator(List.of("place"), 200, 0.95, 7);
        GroupMetrics m = ev.evaluate(model, test, ev.proportions(train));
        assertEquals(List.of("place=land", "place=water"), m.groups().stream().map(GroupMetrics.Group::group).toList());
        assertTrue(m.average().value() > 0.7 && m.average().value() < 0.9, "average " + m.average().value());
        assertTrue(Math.abs(m.weightedAverage().value() - m.average().value()) < 0.1);
        assertEquals(400, m.groups().stream().mapToInt(GroupMetrics.Group::count).sum());
    }

    @Test
    void itIsATribuoEvaluatorThatWorksInCrossValidation() {
        MutableDataset<Label> data = data(600, 3);
        var trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 100, 0.01);
        GroupEvaluator ev = new GroupEvaluator(List.of("place"), 100, 0.95, 7);
        var folds = new org.tribuo.evaluation.CrossValidation<>(trainer, data, ev, 3, 11).evaluate();
        assertEquals(3, folds.size());
        for (var fold : folds) {
            GroupEvaluation e = fold.getA();
            assertEquals(200, e.getPredictions().size());
            org.tribuo.evaluation.metrics.MetricTarget<Label> all = org.tribuo.evaluation.metrics.MetricTarget.macroAverageTarget();
            assertEquals(e.metrics().worstGroup().value(),
                    e.get(new org.tribuo.evaluation.metrics.MetricID<Label>(all, "worst-group-accuracy")), 0.0);
            assertTrue(e.asMap().keySet().stream().anyMatch(k -> k.getB().equals("accuracy[place=land]")));
            assertEquals(fold.getB().getProvenance(), e.getProvenance().getModelProvenance());
            assertTrue(e.getProvenance().getTestDatasetProvenance() != null);
        }
    }
}
