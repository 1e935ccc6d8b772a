package io.github.splice4j.interventions;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Concepts resolved for removal: each name and why it was included.
 *
 * @param indices dictionary rows, ascending
 * @param names their names, in the order of {@code indices}
 * @param reasons per name: "named", "listed" or "related to X (cosine 0.83)"
 */
public record ResolvedConcepts(int[] indices, List<String> names, Map<String, String> reasons) {
    /** @return the names as a set */
    public Set<String> nameSet() {
        return Set.copyOf(names);
    }
}
