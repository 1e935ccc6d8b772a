package io.github.splice4j.probes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy overall, per class (by true label) and per group.
 *
 * @param correct correct predictions
 * @param count predictions
 * @param perClass per true label
 * @param perGroup per group (empty when no groups were given)
 */
public record Accuracy(int correct, int count, Map<String, Count> perClass, Map<String, Count> perGroup) {

    /**
     * Correct out of a count.
     * @param correct correct predictions
     * @param count predictions
     */
    public record Count(int correct, int count) {
        /** @return correct / count (NaN for an empty count) */
        public double accuracy() {
            return count == 0 ? Double.NaN : correct / (double) count;
        }
    }

    /** @return correct / count */
    public double accuracy() {
        return count == 0 ? Double.NaN : correct / (double) count;
    }

    /**
     * @param predicted predicted labels
     * @param truth true labels
     * @param groups groups per row, or null
     * @return the accuracy
     */
    public static Accuracy of(List<String> predicted, List<String> truth, List<String> groups) {
        if (predicted.size() != truth.size() || (groups != null && groups.size() != truth.size())) {
            throw new IllegalArgumentException("predictions, labels and groups differ in length");
        }
        Map<String, int[]> cls = new TreeMap<>();
        Map<String, int[]> grp = new TreeMap<>();
        int ok = 0;
        for (int i = 0; i < truth.size(); i++) {
            int hit = predicted.get(i).equals(truth.get(i)) ? 1 : 0;
            ok += hit;
            int[] c = cls.computeIfAbsent(truth.get(i), k -> new int[2]);
            c[0] += hit;
            c[1]++;
            if (groups != null && !groups.get(i).isEmpty()) {
                int[] g = grp.computeIfAbsent(groups.get(i), k -> new int[2]);
                g[0] += hit;
                g[1]++;
            }
        }
        return new Accuracy(ok, truth.size(), counts(cls), counts(grp));
    }

    private static Map<String, Count> counts(Map<String, int[]> m) {
        Map<String, Count> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new Count(v[0], v[1])));
        return out;
    }

    /** @return a JSON-ready map: accuracy, count, per_class and (if any) groups, each with accuracy and count */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("count", count);
        m.put("per_class", countsMap(perClass));
        if (!perGroup.isEmpty()) {
            m.put("groups", countsMap(perGroup));
        }
        return m;
    }

    private static Map<String, Object> countsMap(Map<String, Count> counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, Map.of("accuracy", c.accuracy(), "count", c.count())));
        return out;
    }
}
