package io.github.splice4j.eval;

import io.github.splice4j.internal.Vectors;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.probes.Split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Dataset shift between splits in concept space (the paper's Tables 8/9): per class, the cosine
 * similarity between the splits' mean concept vectors, and the prevalence of chosen concepts by class
 * and split.
 */
public final class SplitShift {
    private SplitShift() {
    }

    /**
     * @param decompositions every row's decomposition
     * @param classes every row's class
     * @param splits every row's split
     * @param concepts the number of concepts in the dictionary
     * @return per class, "train~test" (and with val) → cosine of the mean concept vectors
     */
    public static Map<String, Map<String, Double>> meanVectorCosines(List<Decomposition> decompositions, List<String> classes,
                                                                     List<Split> splits, int concepts) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String c : new TreeSet<>(classes)) {
            Map<Split, double[]> means = new LinkedHashMap<>();
            Map<Split, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < decompositions.size(); i++) {
                if (!classes.get(i).equals(c)) {
                    continue;
                }
                double[] m = means.computeIfAbsent(splits.get(i), s -> new double[concepts]);
                counts.merge(splits.get(i), 1, Integer::sum);
                for (ConceptWeight cw : decompositions.get(i).concepts()) {
                    m[cw.index()] += cw.weight();
                }
            }
            Map<String, Double> pairs = new LinkedHashMap<>();
            Split[] order = Split.values();
            for (int a = 0; a < order.length; a++) {
                for (int b = a + 1; b < order.length; b++) {
                    if (means.containsKey(order[a]) && means.containsKey(order[b])) {
                        pairs.put(order[a].label() + "~" + order[b].label(),
                                Vectors.cosine(means.get(order[a]), means.get(order[b])));
                    }
                }
            }
            out.put(c, pairs);
        }
        return out;
    }

    /**
     * @param decompositions every row's decomposition
     * @param classes every row's class
     * @param splits every row's split
     * @param concept a concept name
     * @return per class, per split, the share of rows where the concept is present
     */
    public static Map<String, Map<String, Double>> prevalence(List<Decomposition> decompositions, List<String> classes,
                                                              List<Split> splits, String concept) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String c : new TreeSet<>(classes)) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                int total = 0;
                int present = 0;
                for (int i = 0; i < decompositions.size(); i++) {
                    if (classes.get(i).equals(c) && splits.get(i) == s) {
                        total++;
                        present += decompositions.get(i).concepts().stream().anyMatch(cw -> cw.name().equals(concept)) ? 1 : 0;
                    }
                }
                if (total > 0) {
                    m.put(s.label(), present / (double) total);
                }
            }
            out.put(c, m);
        }
        return out;
    }
}
