package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.provenance.DataProvenance;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Provenance of a dataset of concept features: the dense dataset it came from and the transformer. */
public final class ConceptDataProvenance implements DataProvenance {
    private static final long serialVersionUID = 1L;
    private static final String SOURCE = "source";
    private static final String TRANSFORMER = "splice-transformer";
    private final Provenance source;
    private final Provenance transformer;

    ConceptDataProvenance(Provenance source, Provenance transformer) {
        this.source = source;
        this.transformer = transformer;
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

    /** @return the provenance of the transformer */
    public Provenance transformer() {
        return transformer;
    }

    @Override
    public String getClassName() {
        return ConceptDataProvenance.class.getName();
    }

    @Override
    public Iterator<Pair<String, Provenance>> iterator() {
        return List.of(new Pair<>(SOURCE, source), new Pair<>(TRANSFORMER, transformer)).iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptDataProvenance p && source.equals(p.source) && transformer.equals(p.transformer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, transformer);
    }

    @Override
    public String toString() {
        return generateString("ConceptData");
    }
}
