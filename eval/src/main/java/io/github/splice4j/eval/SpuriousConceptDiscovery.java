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
 * waterbirds) with a Mann–Whitney U test and the rank-biserial effect size. The classes' signed
 * z-scores are combined by Stouffer's method (weighted by the square root of each class's size), so a
 * small minority group adds evidence rather than vetoing it. A concept is flagged when the combined
 * p-value is below {@code alpha} and the class-weighted effect is at least {@code minEffect} in size;
 * concepts are ranked by that size. Because the comparison is made within classes, a concept that
 * merely marks the class (the bird) is not flagged; nor is one whose association with the class
 * (compared the same way, within each attribute value) is stronger than its association with the
 * attribute, since removing it would remove the class itself.
 */
public final class SpuriousConceptDiscovery {
    /**
     * One concept's statistics.
     * @param concept its name
     * @param effect the class-weighted rank-biserial correlation with the attribute (positive: more weight with {@code favours})
     * @param classEffect the attribute-weighted rank-biserial correlation with the class
     * @param pValue the Stouffer-combined two-sided p-value over the classes
     * @param maxPValue the largest per-class Mann–Whitney p-value
     * @param favours the attribute value it goes with
     * @param flagged whether it passes the thresholds
     * @param prevalence per class, per attribute value: the share of examples where the concept is present
     * @param meanWeight per class, per attribute value: its mean weight
     */
    public record Finding(String concept, double effect, double classEffect, double pValue, double maxPValue, String favours, boolean flagged,
                          Map<String, Map<String, Double>> prevalence, Map<String, Map<String, Double>> meanWeight) {
    }

    private static final org.apache.commons.math3.distribution.NormalDistribution NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution();

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
            throw io.github.splice4j.SpliceInputException.forParameter("attribute", "needs exactly two values, found "
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
            double zSum = 0;
            double zWeights = 0;
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
                double z = Math.signum(r) * NORMAL.inverseCumulativeProbability(1 - Math.max(p, 1e-300) / 2);
                double weight = Math.sqrt(xa.length + xb.length);
                zSum += weight * z;
                zWeights += weight * weight;
            }
            double effect = sizeSum > 0 ? effectSum / sizeSum : 0;
            double classEffect = stratifiedEffect(w, attribute, classes, values, classNames);
            double combined = zWeights > 0 ? 2 * (1 - NORMAL.cumulativeProbability(Math.abs(zSum / Math.sqrt(zWeights)))) : 1;
            boolean flagged = testable && Math.abs(effect) >= minEffect && combined < alpha
                    && Math.abs(effect) > Math.abs(classEffect);
            out.add(new Finding(e.getKey(), effect, classEffect, combined, maxP, effect >= 0 ? values.get(0) : values.get(1), flagged,
                    prev, mean));
        }
        out.sort(Comparator.comparing((Finding f) -> !f.flagged())
                .thenComparing(f -> -Math.abs(f.effect())).thenComparing(Finding::concept));
        return out;
    }

    /** The rank-biserial correlation of a concept's weight with one variable, within the levels of another. */
    private static double stratifiedEffect(double[] w, List<String> strata, List<String> variable, List<String> strataValues,
                                           List<String> variableValues) {
        if (variableValues.size() != 2) {
            return 0;
        }
        double sum = 0;
        double size = 0;
        for (String s : strataValues) {
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < w.length; i++) {
                if (strata.get(i).equals(s)) {
                    (variable.get(i).equals(variableValues.get(0)) ? a : b).add(w[i]);
                }
            }
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            double[] xa = a.stream().mapToDouble(Double::doubleValue).toArray();
            double[] xb = b.stream().mapToDouble(Double::doubleValue).toArray();
            sum += (2 * uOfFirst(xa, xb) / ((double) xa.length * xb.length) - 1) * (xa.length + xb.length);
            size += xa.length + xb.length;
        }
        return size > 0 ? sum / size : 0;
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
