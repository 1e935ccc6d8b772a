package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.provenance.DataProvenance;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Provenance of a dataset of concept features: the dense dataset it came from and the featurizer. */
public final class ConceptDataProvenance implements DataProvenance {
    private static final long serialVersionUID = 1L;
    private static final String SOURCE = "source";
    private static final String TRANSFORMER = "splice-featurizer";
    private final Provenance source;
    private final Provenance featurizer;

    ConceptDataProvenance(Provenance source, Provenance featurizer) {
        this.source = source;
        this.featurizer = featurizer;
    }

    /**
     * For OLCUT's provenance unmarshalling.
     * @param map the fields
     */
    public ConceptDataProvenance(Map<String, Provenance> map) {
        this(map.get(SOURCE), map.get(TRANSFORMER));
    }

    /** @return the provenance of the dense dataset */
    public Provenance source() {
        return source;
    }

    /** @return the provenance of the featurizer */
    public Provenance featurizer() {
        return featurizer;
    }

    @Override
    public String getClassName() {
        return ConceptDataProvenance.class.getName();
    }

    @Override
    public Iterator<Pair<String, Provenance>> iterator() {
        return List.of(new Pair<>(SOURCE, source), new Pair<>(TRANSFORMER, featurizer)).iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptDataProvenance p && source.equals(p.source) && featurizer.equals(p.featurizer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, featurizer);
    }

    @Override
    public String toString() {
        return generateString("ConceptData");
    }
}
