package io.github.splice4j.eval;

import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposition;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds concepts that track a spurious attribute: within every class, a concept's weight is compared
 * between the two values of the attribute (e.g. place = land vs water among landbirds, and again among
 * waterbirds) with a Mann–Whitney U test and the rank-biserial effect size. A concept is flagged when
 * the effect has one sign in every class, its class-weighted size is at least {@code minEffect}, and
 * every class's p-value is below {@code alpha}; concepts are ranked by that size. Because the
 * comparison is made within classes, a concept that merely marks the class (the bird) is not flagged.
 */
public final class SpuriousConceptDiscovery {
    /**
     * One concept's statistics.
     * @param concept its name
     * @param effect the class-weighted rank-biserial correlation with the attribute (positive: more weight with {@code favours})
     * @param maxPValue the largest per-class Mann–Whitney p-value
     * @param favours the attribute value it goes with
     * @param flagged whether it passes the thresholds
     * @param prevalence per class, per attribute value: the share of examples where the concept is present
     * @param meanWeight per class, per attribute value: its mean weight
     */
    public record Finding(String concept, double effect, double maxPValue, String favours, boolean flagged,
                          Map<String, Map<String, Double>> prevalence, Map<String, Map<String, Double>> meanWeight) {
    }

    private SpuriousConceptDiscovery() {
    }

    /**
     * @param decompositions training decompositions
     * @param classes their class labels
     * @param attribute their spurious-attribute values (two distinct values)
     * @param minPrevalence the least share of examples a concept must appear in to be tested
     * @param minEffect the least |effect| to flag
     * @param alpha the largest p-value to flag
     * @return every tested concept, flagged ones first, by |effect|
     */
    public static List<Finding> discover(List<Decomposition> decompositions, List<String> classes, List<String> attribute,
                                         double minPrevalence, double minEffect, double alpha) {
        int n = decompositions.size();
        List<String> values = new ArrayList<>(new TreeSet<>(attribute));
        if (values.size() != 2) {
            throw new io.github.splice4j.SpliceInputException("--spurious: the attribute needs exactly two values, found "
                    + values);
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(classes));
        Map<String, double[]> weights = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (ConceptWeight cw : decompositions.get(i).concepts()) {
                weights.computeIfAbsent(cw.name(), k -> new double[n])[i] = cw.weight();
            }
        }
        MannWhitneyUTest test = new MannWhitneyUTest();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : weights.entrySet()) {
            double[] w = e.getValue();
            int present = 0;
            for (double v : w) {
                present += v > 0 ? 1 : 0;
            }
            if (present < minPrevalence * n) {
                continue;
            }
            double effectSum = 0;
            double sizeSum = 0;
            double maxP = 0;
            boolean positive = false;
            boolean negative = false;
            Map<String, Map<String, Double>> prev = new TreeMap<>();
            Map<String, Map<String, Double>> mean = new TreeMap<>();
            boolean testable = true;
            for (String c : classNames) {
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (classes.get(i).equals(c)) {
                        (attribute.get(i).equals(values.get(0)) ? a : b).add(w[i]);
                    }
                }
                Map<String, Double> pc = new LinkedHashMap<>();
                Map<String, Double> mc = new LinkedHashMap<>();
                pc.put(values.get(0), share(a));
                pc.put(values.get(1), share(b));
                mc.put(values.get(0), mean(a));
                mc.put(values.get(1), mean(b));
                prev.put(c, pc);
                mean.put(c, mc);
                if (a.size() < 2 || b.size() < 2) {
                    testable = false;
                    continue;
                }
                double[] xa = a.stream().mapToDouble(Double::doubleValue).toArray();
                double[] xb = b.stream().mapToDouble(Double::doubleValue).toArray();
                // rank-biserial correlation: positive when the concept weighs more with values.get(0)
                double r = 2 * uOfFirst(xa, xb) / ((double) xa.length * xb.length) - 1;
                double p = allEqual(xa, xb) ? 1.0 : test.mannWhitneyUTest(xa, xb);
                effectSum += r * (xa.length + xb.length);
                sizeSum += xa.length + xb.length;
                maxP = Math.max(maxP, p);
                positive |= r > 0;
                negative |= r < 0;
            }
            double effect = sizeSum > 0 ? effectSum / sizeSum : 0;
            boolean flagged = testable && !(positive && negative) && Math.abs(effect) >= minEffect && maxP < alpha;
            out.add(new Finding(e.getKey(), effect, maxP, effect >= 0 ? values.get(0) : values.get(1), flagged, prev, mean));
        }
        out.sort(Comparator.comparing((Finding f) -> !f.flagged())
                .thenComparing(f -> -Math.abs(f.effect())).thenComparing(Finding::concept));
        return out;
    }

    /** The Mann–Whitney U of the first sample (Commons Math's mannWhitneyU returns the larger U, losing the sign). */
    static double uOfFirst(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double[] ranks = new org.apache.commons.math3.stat.ranking.NaturalRanking(
                org.apache.commons.math3.stat.ranking.NaNStrategy.FIXED,
                org.apache.commons.math3.stat.ranking.TiesStrategy.AVERAGE).rank(all);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += ranks[i];
        }
        return sum - a.length * (a.length + 1) / 2.0;
    }

    private static boolean allEqual(double[] a, double[] b) {
        double first = a[0];
        for (double v : a) {
            if (v != first) {
                return false;
            }
        }
        for (double v : b) {
            if (v != first) {
                return false;
            }
        }
        return true;
    }

    private static double share(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().filter(x -> x > 0).count() / (double) v.size();
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
