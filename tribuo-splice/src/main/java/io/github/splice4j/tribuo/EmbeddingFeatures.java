package io.github.splice4j.tribuo;

import io.github.splice4j.SpliceInputException;
import org.tribuo.Example;
import org.tribuo.Feature;

import java.util.Locale;

/**
 * The feature-name scheme of dense embeddings in Tribuo: {@code <prefix><index>} with the index
 * zero-padded to four digits, e.g. {@code clip@0000} … {@code clip@0511}. Tribuo orders feature ids by
 * name, so the padding keeps ids in coordinate order.
 */
public final class EmbeddingFeatures {
    /** The default prefix of dense embedding features. */
    public static final String DEFAULT_PREFIX = "clip@";

    private EmbeddingFeatures() {
    }

    /**
     * @param prefix the prefix
     * @param index the coordinate
     * @return the feature name
     */
    public static String name(String prefix, int index) {
        return prefix + String.format(Locale.ROOT, "%04d", index);
    }

    /**
     * @param prefix the prefix
     * @param dimension the number of coordinates
     * @return every feature name, in coordinate order
     */
    public static String[] names(String prefix, int dimension) {
        String[] out = new String[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = name(prefix, i);
        }
        return out;
    }

    /**
     * Reads an example's dense embedding back from its features (absent features are 0).
     * @param example the example
     * @param prefix the feature prefix
     * @param dimension the embedding dimension
     * @return the embedding
     */
    public static double[] vector(Example<?> example, String prefix, int dimension) {
        double[] v = new double[dimension];
        for (Feature f : example) {
            String n = f.getName();
            if (!n.startsWith(prefix)) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(n.substring(prefix.length()));
            } catch (NumberFormatException e) {
                throw new SpliceInputException("feature '" + n + "' does not follow the scheme " + prefix + "NNNN");
            }
            if (index < 0 || index >= dimension) {
                throw new SpliceInputException("feature '" + n + "' is outside the embedding dimension " + dimension);
            }
            v[index] = f.getValue();
        }
        return v;
    }
}
