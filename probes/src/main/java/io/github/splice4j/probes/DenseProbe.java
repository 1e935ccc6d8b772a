package io.github.splice4j.probes;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.tribuo.EmbeddingFeatures;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The dense baseline: L2-regularised logistic regression (LibLinear {@code L2R_LR}) on the
 * L2-normalised embeddings themselves, features {@code clip@0000} ….
 */
public final class DenseProbe {
    private final Model<Label> model;
    private final String[] names;

    private DenseProbe(Model<Label> model, String[] names) {
        this.model = model;
        this.names = names;
    }

    /**
     * @param embeddings training embeddings (normalised inside)
     * @param labels their labels
     * @param c C (&gt; 0)
     * @return the probe
     */
    public static DenseProbe train(double[][] embeddings, List<String> labels, double c) {
        if (!(c > 0)) {
            throw SpliceInputException.forParameter("c", "must be positive, got " + c);
        }
        if (new HashSet<>(labels).size() < 2) {
            throw SpliceInputException.forParameter("labels", "the training rows need at least two classes");
        }
        String[] names = EmbeddingFeatures.names(EmbeddingFeatures.DEFAULT_PREFIX, embeddings[0].length);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("dense embeddings", OffsetDateTime.now(), factory), factory);
        for (int i = 0; i < embeddings.length; i++) {
            data.add(new ArrayExample<>(new Label(labels.get(i)), names,
                    io.github.splice4j.internal.Vectors.normalized(embeddings[i])));
        }
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), c, 1000, 0.01);
        return new DenseProbe(trainer.train(data), names);
    }

    /**
     * @param embeddings embeddings to classify
     * @return predicted labels
     */
    public List<String> predict(double[][] embeddings) {
        List<String> out = new ArrayList<>(embeddings.length);
        for (double[] x : embeddings) {
            out.add(model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names,
                    io.github.splice4j.internal.Vectors.normalized(x))).getOutput().getLabel());
        }
        return out;
    }

    /**
     * @param embeddings embeddings
     * @param truth labels
     * @param groups groups or null
     * @return the accuracy
     */
    public Accuracy score(double[][] embeddings, List<String> truth, List<String> groups) {
        return Accuracy.of(predict(embeddings), truth, groups);
    }
}
