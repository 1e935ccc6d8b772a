package io.github.splice4j.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposition;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model that decomposes an example's dense embedding into concepts and predicts with an inner model
 * trained on concept features. Its top features are concept names, it explains a prediction by its
 * concept contributions, and {@link #withoutConcepts} gives a copy that drops named concepts before the
 * inner model sees them (the hook the interventions build on).
 *
 * <p>Serialisation: Java serialisation, and Tribuo's protobuf {@link #serialize()} /
 * {@link Model#deserialize(ModelProto)}, whose payload here is the Java-serialised model (the inner
 * model and the dictionary) in a {@code BytesValue}.
 *
 * @param <T> the output type
 */
public final class SpliceModel<T extends Output<T>> extends Model<T> {
    private static final long serialVersionUID = 1L;
    /** Protobuf serialisation version. */
    public static final int CURRENT_VERSION = 0;

    private final Model<T> innerModel;
    private final ConceptFeaturizer featurizer;
    private final TreeSet<String> removed;

    SpliceModel(String name, ModelProvenance provenance, Model<T> innerModel, ConceptFeaturizer featurizer,
                Set<String> removed) {
        super(name, provenance, innerModel.getFeatureIDMap(), innerModel.getOutputIDInfo(),
                innerModel.generatesProbabilities());
        this.innerModel = innerModel;
        this.featurizer = featurizer;
        this.removed = new TreeSet<>(removed);
    }

    /** @return the model trained on concept features */
    public Model<T> getInnerModel() {
        return innerModel;
    }

    /** @return the decomposition applied before the inner model */
    public ConceptFeaturizer getFeaturizer() {
        return featurizer;
    }

    /** @return the concepts this model drops before predicting (empty unless made by {@link #withoutConcepts}) */
    public Set<String> removedConcepts() {
        return java.util.Collections.unmodifiableSet(removed);
    }

    /**
     * A copy of this model that drops the named concepts from every decomposition before the inner model
     * sees them.
     * @param concepts concept names, each in the dictionary's vocabulary
     * @return the new model
     * @throws SpliceInputException naming any concept the vocabulary does not have
     */
    public SpliceModel<T> withoutConcepts(Set<String> concepts) {
        ConceptVocabulary v = featurizer.dictionary().vocabulary();
        List<String> unknown = concepts.stream().filter(c -> v.indexOf(c) < 0).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new SpliceInputException("unknown concept(s) " + unknown + " in vocabulary " + v.source());
        }
        Set<String> all = new TreeSet<>(removed);
        all.addAll(concepts);
        return new SpliceModel<>(name, provenance, innerModel, featurizer, all);
    }

    /**
     * The inner model's input for an example. Tribuo models refuse an example none of whose features
     * they know; a decomposition whose concepts were all unseen in training (or removed) is a legitimate
     * all-zero input, so it gets one known feature with an explicit zero.
     */
    private Example<T> concepts(Example<T> example, Decomposition d) {
        return ConceptFeatures.modelInput(featureIDMap, featurizer.conceptExample(example, d, removed));
    }

    @Override
    public Prediction<T> predict(Example<T> example) {
        Decomposition d = featurizer.decompose(List.of(example), ProgressListener.NONE).get(0);
        return innerModel.predict(concepts(example, d));
    }

    @Override
    public List<Prediction<T>> predict(Iterable<Example<T>> examples) {
        List<Example<T>> list = new ArrayList<>();
        examples.forEach(list::add);
        List<Decomposition> ds = featurizer.decompose(list, ProgressListener.NONE);
        List<Prediction<T>> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(innerModel.predict(concepts(list.get(i), ds.get(i))));
        }
        return out;
    }

    @Override
    public List<Prediction<T>> predict(Dataset<T> examples) {
        List<Example<T>> list = new ArrayList<>();
        examples.forEach(list::add);
        return predict(list);
    }

    /**
     * The inner model's top features, named by concept (the {@code concept@} prefix removed).
     * @param n how many per output (-1 for all)
     * @return per output, (concept, weight) pairs
     */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return ConceptFeatures.byConcept(innerModel.getTopFeatures(n), featurizer.conceptPrefix(), removed, false);
    }

    /**
     * Explains a prediction by the concepts of the example's decomposition and the inner model's weights
     * for the predicted output (linear inner models; others give NaN contributions).
     * @param example an example with dense embedding features
     * @return the explanation
     */
    public ConceptExplanation<T> explain(Example<T> example) {
        Decomposition d = featurizer.decompose(List.of(example), ProgressListener.NONE).get(0);
        Prediction<T> prediction = innerModel.predict(concepts(example, d));
        Map<String, List<Pair<String, Double>>> weights = innerModel.getTopFeatures(-1);
        String key = prediction.getOutput().getSerializableForm(false);
        List<Pair<String, Double>> forOutput = weights.getOrDefault(key, weights.get(Model.ALL_OUTPUTS));
        Map<String, Double> byFeature = new HashMap<>();
        if (forOutput != null) {
            forOutput.forEach(p -> byFeature.put(p.getA(), p.getB()));
        }
        List<ConceptContribution> list = new ArrayList<>();
        for (ConceptWeight cw : d.concepts()) {
            if (removed.contains(cw.name())) {
                continue;
            }
            Double w = byFeature.get(featurizer.featureName(cw.name()));
            double mw = w == null ? (forOutput == null ? Double.NaN : 0.0) : w;
            list.add(new ConceptContribution(cw.name(), cw.weight(), mw, cw.weight() * mw));
        }
        list.sort(Comparator.comparingDouble((ConceptContribution c) -> Double.isNaN(c.contribution()) ? 0
                : -Math.abs(c.contribution())).thenComparing(ConceptContribution::concept));
        return new ConceptExplanation<>(prediction, d, List.copyOf(list));
    }

    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        Decomposition d = featurizer.decompose(List.of(example), ProgressListener.NONE).get(0);
        return innerModel.getExcuse(concepts(example, d));
    }

    @Override
    protected SpliceModel<T> copy(String newName, ModelProvenance newProvenance) {
        return new SpliceModel<>(newName, newProvenance, innerModel.copy(), featurizer, removed);
    }

    @Override
    public ModelProto serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ModelProto.newBuilder().setClassName(SpliceModel.class.getName()).setVersion(CURRENT_VERSION)
                .setSerializedData(Any.pack(BytesValue.of(ByteString.copyFrom(bytes.toByteArray())))).build();
    }

    /**
     * Tribuo's protobuf deserialisation factory.
     * @param version the serialised version
     * @param className the class name
     * @param message the payload
     * @return the model
     * @throws InvalidProtocolBufferException if the payload is not a serialised SpliceModel
     */
    public static SpliceModel<?> deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + ", at most " + CURRENT_VERSION);
        }
        byte[] bytes = message.unpack(BytesValue.class).getValue().toByteArray();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (SpliceModel<?>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new InvalidProtocolBufferException("not a serialised SpliceModel: " + e.getMessage());
        }
    }
}
