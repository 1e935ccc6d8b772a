package io.github.splice4j.interventions;

import io.github.splice4j.SpliceInputException;

import java.util.List;
import java.util.Map;

/** The concept lists of the paper's intervention experiments, by name. */
public final class ConceptPresets {
    /** CelebA "remove glasses" (Table 2): the reference's glasses concepts. */
    public static final List<String> CELEBA_GLASSES = List.of("eyewear", "sunglasses", "glasses", "visor");

    /** Waterbirds "remove land" (Table 7): the reference's 17 land concepts, from the 15k laion_bigrams vocabulary at λ = 0.3. */
    public static final List<String> WATERBIRDS_LAND = List.of("bird feeder", "bamboo", "forest landscape",
            "tropical forest", "autumn forest", "forestry", "mountain lake", "rainforest", "forest", "hiking",
            "winter forest", "nature background", "natur", "biodiversity", "tree branch", "forest animals", "adult male");

    private static final Map<String, List<String>> PRESETS = Map.of(
            "celeba-glasses", CELEBA_GLASSES,
            "waterbirds-land", WATERBIRDS_LAND);

    private ConceptPresets() {
    }

    /**
     * @param name {@code celeba-glasses} or {@code waterbirds-land}
     * @return its concept names
     */
    public static List<String> get(String name) {
        List<String> p = PRESETS.get(name);
        if (p == null) {
            throw SpliceInputException.forParameter("preset", "unknown preset '" + name + "' (" + String.join(", ",
                    PRESETS.keySet().stream().sorted().toList()) + ")");
        }
        return p;
    }
}
