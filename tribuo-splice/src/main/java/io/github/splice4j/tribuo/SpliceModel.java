package io.github.splice4j.tribuo;

import com.google.protobuf.Any;
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
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import io.github.splice4j.tribuo.protos.SpliceModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Serialisation: Tribuo's protobuf {@link #serialize()} / {@link Model#deserialize(ModelProto)}, whose payload
 * is a {@link SpliceModelProto} (the model's Tribuo metadata and provenance, the inner model's own protobuf, the
 * featurizer's dictionary, vocabulary, mean, λ and settings, and the removed concepts): loading a file never runs
 * Java deserialisation. Java serialisation also works, for trusted data only, as for any Tribuo model.
 *
 * @param <T> the output type
 */
public final class SpliceModel<T extends Output<T>> extends Model<T> {
    private static final long serialVersionUID = 1L;
    /** Protobuf serialisation version: 1 is {@link SpliceModelProto} (0 held a Java-serialised model and is refused). */
    public static final int CURRENT_VERSION = 1;

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
     * Explains a prediction by the concepts of the example's decomposition: exactly for a linear (LibLinear)
     * inner model, where the contributions and the bias sum to the decision value; with NaN for any other
     * (see {@link ConceptExplanation}).
     * @param example an example with dense embedding features
     * @return the explanation
     */
    public ConceptExplanation<T> explain(Example<T> example) {
        Decomposition d = featurizer.decompose(List.of(example), ProgressListener.NONE).get(0);
        Prediction<T> prediction = innerModel.predict(concepts(example, d));
        Optional<LinearDecision> linear = LinearDecision.of(innerModel);
        int output = innerModel.getOutputIDInfo().getID(prediction.getOutput());
        List<ConceptContribution> list = new ArrayList<>();
        double sum = 0;
        for (ConceptWeight cw : d.concepts()) {
            if (removed.contains(cw.name())) {
                continue;
            }
            double mw = Double.NaN;
            if (linear.isPresent()) {
                int feature = featureIDMap.getID(featurizer.featureName(cw.name()));
                mw = feature < 0 ? 0.0 : linear.get().coefficient(feature, output) + 0.0;   // + 0.0: no -0.0
            }
            double contribution = cw.weight() * mw + 0.0;
            sum += contribution;
            list.add(new ConceptContribution(cw.name(), cw.weight(), mw, contribution));
        }
        list.sort(Comparator.comparingDouble((ConceptContribution c) -> Double.isNaN(c.contribution()) ? 0
                : -Math.abs(c.contribution())).thenComparing(ConceptContribution::concept));
        double bias = linear.map(l -> l.bias(output) + 0.0).orElse(Double.NaN);
        return new ConceptExplanation<>(prediction, d, List.copyOf(list), bias,
                linear.isPresent() ? sum + bias : Double.NaN, linear.isPresent());
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
        SpliceModelProto p = SpliceModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString())
                .setInnerModel(innerModel.serialize().toByteString())
                .setFeaturizer(featurizer.toProto())
                .addAllRemovedConcepts(removed)
                .build();
        return ModelProto.newBuilder().setClassName(SpliceModel.class.getName()).setVersion(CURRENT_VERSION)
                .setSerializedData(Any.pack(p)).build();
    }

    /**
     * Tribuo's protobuf deserialisation factory ({@link Model#deserialize}, {@link Model#deserializeFromFile}). It
     * reads a {@link SpliceModelProto} and Tribuo's own messages; it never runs Java deserialisation, and refuses
     * the Java-serialised payload that files written before version 1 held.
     * @param version the serialised version
     * @param className the class name
     * @param message the payload
     * @return the model
     * @throws InvalidProtocolBufferException if the payload is not a SpliceModelProto
     * @throws IllegalArgumentException for an unknown version, an old Java-serialised file, or inconsistent contents
     */
    public static SpliceModel<?> deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < CURRENT_VERSION || message.is(BytesValue.class)) {
            throw new IllegalArgumentException("this SpliceModel file holds a Java-serialised model (written before "
                    + "Splice4J's protobuf schema), which is not read because Java deserialisation can run code: "
                    + "retrain the model, or load it with the Splice4J that wrote it and save it again");
        }
        if (version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + ", at most " + CURRENT_VERSION);
        }
        SpliceModelProto p = message.unpack(SpliceModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(p.getMetadata()));
        Model<?> inner = Model.deserialize(ModelProto.parseFrom(p.getInnerModel()));
        return of(carrier, inner, ConceptFeaturizer.fromProto(p.getFeaturizer()), new TreeSet<>(p.getRemovedConceptsList()));
    }

    private static <U extends Output<U>> SpliceModel<U> of(ModelDataCarrier<?> carrier, Model<U> inner,
                                                            ConceptFeaturizer featurizer, Set<String> removed) {
        if (!carrier.outputDomain().getDomain().equals(inner.getOutputIDInfo().getDomain())) {
            throw new IllegalArgumentException("the model's output domain differs from its inner model's");
        }
        return new SpliceModel<>(carrier.name(), carrier.provenance(), inner, featurizer, removed);
    }
}
