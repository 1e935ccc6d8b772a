package io.github.splice4j.probes;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.tribuo.ConceptFeatures;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sparse linear probe on concept weights: L1-regularised logistic regression (LibLinear
 * {@code L1R_LR} through Tribuo) whose non-zero coefficients are named concepts.
 *
 * <p>How it differs from the reference: the reference fits scikit-learn's saga solver with an L1
 * penalty and no intercept (C = 10 on CelebA, 4 on Waterbirds); LibLinear always fits a bias, and
 * regularises it like the other coefficients. Multi-class problems are one-vs-rest in LibLinear
 * (the reference's saga is multinomial). {@link #withoutConcepts} zeroes the coefficients of named
 * concepts (for a linear model the same as removing those features) and is the probe-mode intervention.
 */
public final class ConceptProbe implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Model<Label> model;
    private final double c;
    private final Set<String> removed;

    private ConceptProbe(Model<Label> model, double c, Set<String> removed) {
        this.model = model;
        this.c = c;
        this.removed = Collections.unmodifiableSet(new TreeSet<>(removed));
    }

    /**
     * Trains a probe.
     * @param decompositions the training decompositions
     * @param labels their labels
     * @param c the inverse regularisation strength C (&gt; 0)
     * @return the probe
     */
    public static ConceptProbe train(List<Decomposition> decompositions, List<String> labels, double c) {
        if (!(c > 0)) {
            throw SpliceInputException.forParameter("c", "must be positive, got " + c);
        }
        if (decompositions.size() != labels.size()) {
            throw new IllegalArgumentException("decompositions and labels differ in length");
        }
        if (new HashSet<>(labels).size() < 2) {
            throw SpliceInputException.forParameter("labels", "the training rows need at least two classes, found " + new HashSet<>(labels));
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("SpLiCE concept weights", OffsetDateTime.now(), factory), factory);
        for (int i = 0; i < decompositions.size(); i++) {
            Example<Label> e = example(new Label(labels.get(i)), decompositions.get(i), Set.of());
            if (e.size() > 0) {
                data.add(e);
            }
        }
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L1R_LR), c, 1000, 0.01);
        return new ConceptProbe(trainer.train(data), c, Set.of());
    }

    private static Example<Label> example(Label label, Decomposition d, Set<String> removed) {
        return ConceptFeatures.example(label, 1.0f, Map.of(), d, removed, ConceptFeatures.DEFAULT_PREFIX);
    }

    /**
     * @param decompositions decompositions to classify
     * @return the predicted labels
     */
    public List<String> predict(List<Decomposition> decompositions) {
        List<String> out = new ArrayList<>(decompositions.size());
        Label unknown = LabelFactory.UNKNOWN_LABEL;
        for (Decomposition d : decompositions) {
            Example<Label> e = ConceptFeatures.modelInput(model.getFeatureIDMap(), example(unknown, d, removed));
            out.add(model.predict(e).getOutput().getLabel());
        }
        return out;
    }

    /**
     * @param decompositions decompositions to classify
     * @param truth their labels
     * @param groups their groups, or null
     * @return the accuracy
     */
    public Accuracy score(List<Decomposition> decompositions, List<String> truth, List<String> groups) {
        return Accuracy.of(predict(decompositions), truth, groups);
    }

    /**
     * A copy of this probe with the named concepts' coefficients set to zero.
     * @param concepts concept names
     * @return the edited probe
     */
    public ConceptProbe withoutConcepts(Set<String> concepts) {
        Set<String> all = new TreeSet<>(removed);
        all.addAll(concepts);
        return new ConceptProbe(model, c, all);
    }

    /** @return the concepts whose coefficients are zeroed */
    public Set<String> removedConcepts() {
        return removed;
    }

    /** @return the inner Tribuo model */
    public Model<Label> model() {
        return model;
    }

    /** @return C */
    public double c() {
        return c;
    }

    /** @return per class, every (concept, coefficient) with a non-zero coefficient, largest first (bias excluded) */
    public Map<String, List<Pair<String, Double>>> coefficients() {
        Map<String, List<Pair<String, Double>>> out = ConceptFeatures.byConcept(model.getTopFeatures(-1),
                ConceptFeatures.DEFAULT_PREFIX, removed, true);
        out.values().forEach(list -> list.sort((a, b) -> Double.compare(b.getB(), a.getB())));
        return out;
    }

    /** @return the number of distinct concepts with a non-zero coefficient for some class */
    public int l0() {
        Set<String> s = new HashSet<>();
        coefficients().values().forEach(list -> list.forEach(p -> s.add(p.getA())));
        return s.size();
    }

    /**
     * @param k how many
     * @return per class, the k most positive and the k most negative concepts
     */
    public Map<String, Map<String, List<Pair<String, Double>>>> topConcepts(int k) {
        Map<String, Map<String, List<Pair<String, Double>>>> out = new LinkedHashMap<>();
        coefficients().forEach((label, list) -> {
            List<Pair<String, Double>> pos = list.stream().filter(p -> p.getB() > 0).limit(k).toList();
            List<Pair<String, Double>> neg = new ArrayList<>(list.stream().filter(p -> p.getB() < 0).toList());
            Collections.reverse(neg);
            Map<String, List<Pair<String, Double>>> m = new LinkedHashMap<>();
            m.put("positive", pos);
            m.put("negative", neg.subList(0, Math.min(k, neg.size())));
            out.put(label, m);
        });
        return out;
    }
}
