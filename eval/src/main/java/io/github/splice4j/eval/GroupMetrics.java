package io.github.splice4j.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group metrics, one implementation for every report:
 * <ul>
 *   <li>per-group accuracy and count, with a Wilson interval;</li>
 *   <li>worst-group accuracy: the minimum over groups with at least one example (WILDS);</li>
 *   <li>average accuracy: accuracy over all examples (WILDS' "average");</li>
 *   <li>weighted average: per-group accuracies weighted by the training set's group proportions (DFR's
 *   "mean accuracy"), when those proportions are given;</li>
 *   <li>the accuracy gap: best minus worst group.</li>
 * </ul>
 * Each aggregate comes with a percentile bootstrap interval over the examples (seeded, so it can be
 * reproduced).
 */
public final class GroupMetrics {
    /**
     * An interval.
     * @param low lower end
     * @param high upper end
     */
    public record Interval(double low, double high) {
    }

    /**
     * One group.
     * @param group the group's key
     * @param correct correct predictions
     * @param count examples
     * @param accuracy correct / count
     * @param wilson the Wilson score interval of the accuracy
     */
    public record Group(String group, int correct, int count, double accuracy, Interval wilson) {
    }

    /**
     * A metric with its bootstrap interval.
     * @param value the value on the data
     * @param ci the percentile bootstrap interval
     */
    public record Estimate(double value, Interval ci) {
    }

    private final List<Group> groups;
    private final Estimate average;
    private final Estimate worstGroup;
    private final String worstGroupName;
    private final Estimate weightedAverage;
    private final Estimate gap;
    private final double level;
    private final int resamples;
    private final long seed;

    private GroupMetrics(List<Group> groups, Estimate average, Estimate worstGroup, String worstGroupName,
                         Estimate weightedAverage, Estimate gap, double level, int resamples, long seed) {
        this.groups = groups;
        this.average = average;
        this.worstGroup = worstGroup;
        this.worstGroupName = worstGroupName;
        this.weightedAverage = weightedAverage;
        this.gap = gap;
        this.level = level;
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * Computes the metrics.
     * @param predicted predicted labels
     * @param truth true labels
     * @param groups group per example
     * @param trainProportions each group's share of the training set (null: no weighted average)
     * @param resamples bootstrap resamples (e.g. 1000; 0 for no intervals)
     * @param level the interval level, e.g. 0.95
     * @param seed the bootstrap seed
     * @return the metrics
     */
    public static GroupMetrics compute(List<String> predicted, List<String> truth, List<String> groups,
                                       Map<String, Double> trainProportions, int resamples, double level, long seed) {
        int n = truth.size();
        if (predicted.size() != n || groups.size() != n || n == 0) {
            throw new IllegalArgumentException("predictions, labels and groups must be non-empty and of one length");
        }
        List<String> names = new ArrayList<>(new TreeMap<String, Integer>(counts(groups)).keySet());
        int[] groupOf = new int[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            groupOf[i] = names.indexOf(groups.get(i));
            correct[i] = predicted.get(i).equals(truth.get(i));
        }
        double[] weights = null;
        if (trainProportions != null) {
            weights = new double[names.size()];
            for (int g = 0; g < names.size(); g++) {
                weights[g] = trainProportions.getOrDefault(names.get(g), 0.0);
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double[] point = aggregates(all, groupOf, correct, names.size(), weights);
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
        int[] hits = new int[names.size()];
        int[] totals = new int[names.size()];
        for (int i = 0; i < n; i++) {
            totals[groupOf[i]]++;
            hits[groupOf[i]] += correct[i] ? 1 : 0;
        }
        List<Group> gs = new ArrayList<>();
        String worstName = null;
        double worst = Double.POSITIVE_INFINITY;
        for (int g = 0; g < names.size(); g++) {
            double acc = hits[g] / (double) totals[g];
            gs.add(new Group(names.get(g), hits[g], totals[g], acc, wilson(hits[g], totals[g], z)));
            if (acc < worst) {
                worst = acc;
                worstName = names.get(g);
            }
        }
        Interval[] cis = new Interval[4];
        Arrays.fill(cis, new Interval(Double.NaN, Double.NaN));
        if (resamples > 0) {
            RandomGenerator rng = new MersenneTwister(seed);
            double[][] samples = new double[4][resamples];
            int[] idx = new int[n];
            for (int b = 0; b < resamples; b++) {
                for (int i = 0; i < n; i++) {
                    idx[i] = rng.nextInt(n);
                }
                double[] v = aggregates(idx, groupOf, correct, names.size(), weights);
                for (int k = 0; k < 4; k++) {
                    samples[k][b] = v[k];
                }
            }
            for (int k = 0; k < 4; k++) {
                cis[k] = percentile(samples[k], level);
            }
        }
        return new GroupMetrics(List.copyOf(gs), new Estimate(point[0], cis[0]), new Estimate(point[1], cis[1]), worstName,
                new Estimate(point[2], cis[2]), new Estimate(point[3], cis[3]), level, resamples, seed);
    }

    /** average, worst group, weighted average (NaN without weights), gap — over the examples in {@code idx}. */
    private static double[] aggregates(int[] idx, int[] groupOf, boolean[] correct, int groups, double[] weights) {
        int[] hits = new int[groups];
        int[] totals = new int[groups];
        int ok = 0;
        for (int i : idx) {
            totals[groupOf[i]]++;
            if (correct[i]) {
                hits[groupOf[i]]++;
                ok++;
            }
        }
        double worst = Double.POSITIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        double weighted = 0;
        double weightSum = 0;
        for (int g = 0; g < groups; g++) {
            if (totals[g] == 0) {
                continue;
            }
            double acc = hits[g] / (double) totals[g];
            worst = Math.min(worst, acc);
            best = Math.max(best, acc);
            if (weights != null) {
                weighted += weights[g] * acc;
                weightSum += weights[g];
            }
        }
        return new double[] {ok / (double) idx.length, worst, weights == null || weightSum == 0 ? Double.NaN : weighted / weightSum,
                best - worst};
    }

    private static Interval percentile(double[] values, double level) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double a = (1 - level) / 2;
        return new Interval(v[(int) Math.floor(a * (v.length - 1))], v[(int) Math.ceil((1 - a) * (v.length - 1))]);
    }

    /**
     * The Wilson score interval of a proportion.
     * @param successes successes
     * @param n trials
     * @param z the normal quantile (1.96 for 95%)
     * @return the interval
     */
    public static Interval wilson(int successes, int n, double z) {
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double p = successes / (double) n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * @param groups group per example
     * @return each group's share
     */
    public static Map<String, Double> proportions(List<String> groups) {
        Map<String, Double> out = new TreeMap<>();
        counts(groups).forEach((g, c) -> out.put(g, c / (double) groups.size()));
        return out;
    }

    private static Map<String, Integer> counts(List<String> groups) {
        Map<String, Integer> m = new TreeMap<>();
        groups.forEach(g -> m.merge(g, 1, Integer::sum));
        return m;
    }

    /** @return per group, sorted by key */
    public List<Group> groups() {
        return groups;
    }

    /** @return accuracy over all examples */
    public Estimate average() {
        return average;
    }

    /** @return the worst group's accuracy */
    public Estimate worstGroup() {
        return worstGroup;
    }

    /** @return the worst group's key */
    public String worstGroupName() {
        return worstGroupName;
    }

    /** @return the train-proportion weighted accuracy (NaN without proportions) */
    public Estimate weightedAverage() {
        return weightedAverage;
    }

    /** @return best minus worst group accuracy */
    public Estimate gap() {
        return gap;
    }

    /** @return a JSON-ready map: groups, worst_group, average, weighted_average, gap (each with ci) */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> g = new LinkedHashMap<>();
        for (Group x : groups) {
            g.put(x.group(), Map.of("accuracy", x.accuracy(), "count", x.count(), "correct", x.correct(),
                    "ci", List.of(x.wilson().low(), x.wilson().high())));
        }
        m.put("groups", g);
        m.put("worst_group", estimate(worstGroup, "group", worstGroupName));
        m.put("average", estimate(average, null, null));
        m.put("weighted_average", estimate(weightedAverage, null, null));
        m.put("gap", estimate(gap, null, null));
        m.put("interval", Map.of("level", level, "bootstrap_resamples", resamples, "seed", seed, "groups", "wilson"));
        return m;
    }

    private static Map<String, Object> estimate(Estimate e, String key, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", e.value());
        m.put("ci", List.of(e.ci().low(), e.ci().high()));
        if (key != null) {
            m.put(key, value);
        }
        return m;
    }
}
