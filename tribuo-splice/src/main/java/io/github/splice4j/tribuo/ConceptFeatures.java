package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposition;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Concept features in Tribuo, in one place: the feature of concept {@code bamboo} is named
 * {@code <prefix>bamboo} ({@code concept@bamboo} by default) and valued by its SpLiCE weight; removed concepts
 * are left out; an input whose concepts a model never saw gets one known feature with an explicit zero; model
 * weights are named back by concept. {@link ConceptFeaturizer}, {@link SpliceModel} and the probes all build
 * and read concept features through this class.
 */
public final class ConceptFeatures {
    /** The default prefix of concept features. */
    public static final String DEFAULT_PREFIX = "concept@";

    private ConceptFeatures() {
    }

    /**
     * An example of concept features.
     * @param output the output
     * @param weight the example's weight
     * @param metadata the metadata to keep (copied)
     * @param decomposition the decomposition
     * @param removed concept names to leave out (may be empty)
     * @param prefix the feature-name prefix
     * @param <T> the output type
     * @return the example
     */
    public static <T extends Output<T>> Example<T> example(T output, float weight, Map<String, Object> metadata,
                                                           Decomposition decomposition, Set<String> removed,
                                                           String prefix) {
        ArrayExample<T> out = new ArrayExample<>(output, weight, new HashMap<>(metadata));
        for (ConceptWeight cw : decomposition.concepts()) {
            if (!removed.contains(cw.name())) {
                // one String per concept, shared by every example (a dataset of millions holds no copies)
                out.add((prefix + cw.name()).intern(), cw.weight());
            }
        }
        return out;
    }

    /**
     * A model's input for a concept example. Tribuo models refuse an example none of whose features they
     * know; a decomposition whose concepts were all unseen in training (or removed) is a legitimate all-zero
     * input, so it gets one known feature with an explicit zero.
     * @param features the model's feature map
     * @param example a concept example (changed in place when it needs the zero feature)
     * @param <T> the output type
     * @return the example
     */
    public static <T extends Output<T>> Example<T> modelInput(ImmutableFeatureMap features, Example<T> example) {
        for (Feature f : example) {
            if (features.get(f.getName()) != null) {
                return example;
            }
        }
        if (features.size() > 0) {
            example.add(new Feature(features.get(0).getName(), 0.0));
        }
        return example;
    }

    /**
     * Names model weights by concept.
     * @param topFeatures a model's {@code getTopFeatures} answer
     * @param prefix the concept-feature prefix
     * @param removed concepts to leave out
     * @param onlyConcepts keep only concept features with a non-zero weight (the bias and other features dropped)
     * @return per output, (concept, weight) pairs in the given order; non-concept features keep their names
     */
    public static Map<String, List<Pair<String, Double>>> byConcept(Map<String, List<Pair<String, Double>>> topFeatures,
                                                                    String prefix, Set<String> removed,
                                                                    boolean onlyConcepts) {
        Map<String, List<Pair<String, Double>>> out = new LinkedHashMap<>();
        topFeatures.forEach((output, list) -> {
            List<Pair<String, Double>> kept = new ArrayList<>();
            for (Pair<String, Double> p : list) {
                boolean concept = p.getA().startsWith(prefix);
                String name = concept ? p.getA().substring(prefix.length()) : p.getA();
                if (concept && removed.contains(name)) {
                    continue;
                }
                if (!onlyConcepts || (concept && p.getB() != 0)) {
                    kept.add(new Pair<>(name, p.getB()));
                }
            }
            out.put(output, kept);
        });
        return out;
    }
}
