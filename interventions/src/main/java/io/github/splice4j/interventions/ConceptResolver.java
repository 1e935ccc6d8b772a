package io.github.splice4j.interventions;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.solver.DictionaryMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves concept names to dictionary rows: exact names, an explicit list of related names, and
 * optionally every concept whose (centred, normalised) dictionary embedding has cosine at least a
 * threshold with a named one. Unknown names are errors that suggest the nearest names.
 */
public final class ConceptResolver {
    private final ConceptDictionary dictionary;

    /**
     * @param dictionary the dictionary whose names and embeddings are used
     */
    public ConceptResolver(ConceptDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * @param named the concepts to remove
     * @param related further concepts to remove, named explicitly
     * @param threshold also remove concepts with cosine ≥ threshold to a named one; NaN for none
     * @return the resolved set
     */
    public ResolvedConcepts resolve(List<String> named, List<String> related, double threshold) {
        if (named.isEmpty()) {
            throw SpliceInputException.forParameter("named", "name at least one concept");
        }
        if (!Double.isNaN(threshold) && !(threshold > -1 && threshold <= 1)) {
            throw SpliceInputException.forParameter("threshold", "a cosine in (-1, 1], got " + threshold);
        }
        ConceptVocabulary v = dictionary.vocabulary();
        Map<Integer, String> reasons = new TreeMap<>();
        for (String n : named) {
            reasons.put(require(v, n, "named"), "named");
        }
        for (String n : related) {
            reasons.putIfAbsent(require(v, n, "related"), "listed");
        }
        if (!Double.isNaN(threshold)) {
            DictionaryMatrix d = dictionary.matrix();
            for (String n : named) {
                int a = v.indexOf(n);
                double[] row = d.row(a);
                double na = Math.sqrt(d.dot(a, row));
                for (int i = 0; i < d.concepts(); i++) {
                    if (i == a || reasons.containsKey(i)) {
                        continue;
                    }
                    double cos = d.dot(i, row) / (na * Math.sqrt(d.dot(i, d.row(i))));
                    if (cos >= threshold) {
                        reasons.put(i, String.format(Locale.ROOT, "related to %s (cosine %.3f)", n, cos));
                    }
                }
            }
        }
        int[] idx = reasons.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<String> names = new ArrayList<>();
        Map<String, String> why = new LinkedHashMap<>();
        for (int i : idx) {
            names.add(v.name(i));
            why.put(v.name(i), reasons.get(i));
        }
        return new ResolvedConcepts(idx, List.copyOf(names), why);
    }

    private static int require(ConceptVocabulary v, String name, String option) {
        int i = v.indexOf(name);
        if (i < 0) {
            throw SpliceInputException.forParameter(option, "unknown concept '" + name + "' in vocabulary " + v.source()
                    + "; nearest names: " + String.join(", ", nearest(v, name, 5)));
        }
        return i;
    }

    /**
     * @param v a vocabulary
     * @param name a name
     * @param k how many
     * @return the k names closest to {@code name} by edit distance
     */
    public static List<String> nearest(ConceptVocabulary v, String name, int k) {
        String q = name.toLowerCase(Locale.ROOT);
        return v.names().stream()
                .sorted(Comparator.comparingInt((String s) -> editDistance(q, s.toLowerCase(Locale.ROOT)))
                        .thenComparing(s -> s))
                .limit(k).toList();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
