package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;

/**
 * A {@link Trainer} that decomposes the dense embedding features of a dataset into concept features
 * with a {@link ConceptFeaturizer} and trains any inner trainer on them, as Tribuo's
 * {@code TransformTrainer} does for transformations. The {@link SpliceModel} it returns decomposes at
 * prediction time.
 *
 * @param <T> the output type
 */
public final class SpliceTrainer<T extends Output<T>> implements Trainer<T> {

    @Config(mandatory = true, description = "The trainer to use on concept features.")
    private Trainer<T> innerTrainer;

    @Config(mandatory = true, description = "The SpLiCE decomposition of dense features into concept features.")
    private ConceptFeaturizer featurizer;

    /** For OLCUT. */
    private SpliceTrainer() {
    }

    /**
     * @param innerTrainer the trainer to use on concept features
     * @param featurizer the decomposition
     */
    public SpliceTrainer(Trainer<T> innerTrainer, ConceptFeaturizer featurizer) {
        this.innerTrainer = innerTrainer;
        this.featurizer = featurizer;
    }

    @Override
    public SpliceModel<T> train(Dataset<T> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public SpliceModel<T> train(Dataset<T> examples, Map<String, Provenance> instanceProvenance) {
        return train(examples, instanceProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public SpliceModel<T> train(Dataset<T> examples, Map<String, Provenance> instanceProvenance, int invocationCount) {
        MutableDataset<T> concepts = featurizer.transform(examples);
        TrainerProvenance provenance;
        Model<T> inner;
        synchronized (innerTrainer) {
            provenance = getProvenance();
            inner = innerTrainer.train(concepts, Collections.emptyMap(), invocationCount);
        }
        ModelProvenance modelProvenance = new ModelProvenance(SpliceModel.class.getName(), OffsetDateTime.now(),
                concepts.getProvenance(), provenance, instanceProvenance);
        return new SpliceModel<>(inner.getName(), modelProvenance, inner, featurizer, java.util.Set.of());
    }

    @Override
    public int getInvocationCount() {
        return innerTrainer.getInvocationCount();
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        innerTrainer.setInvocationCount(invocationCount);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "SpliceTrainer(inner=" + innerTrainer + ")";
    }
}
