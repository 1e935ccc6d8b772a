package io.github.splice4j.eval;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposition;

import java.util.ArrayList;
import java.util.Comparator;
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
 * two-sided p-value is below {@code alpha} (decided on the z-score, so that no evidence is lost to
 * underflow: p-values are also reported as log10) and the class-weighted effect is at least
 * {@code minEffect} in size; concepts are ranked by that size. Because the comparison is made within
 * classes, a concept that merely marks the class (the bird) is not flagged; nor is one whose association
 * with the class (compared the same way, within each attribute value) is stronger than its association
 * with the attribute, since removing it would remove the class itself.
 *
 * <p>Memory and time follow the non-zero weights, not rows × concepts: the weights are transposed once into
 * sparse per-concept columns, and each test runs on a column's non-zero values and the groups' sizes
 * ({@link SparseMannWhitney}, with the exact tie-corrected variance).
 */
public final class SpuriousConceptDiscovery {
    /**
     * One concept's statistics.
     * @param concept its name
     * @param effect the class-weighted rank-biserial correlation with the attribute (positive: more weight with {@code favours})
     * @param classEffect the attribute-weighted rank-biserial correlation with the class
     * @param z the Stouffer-combined z-score over the classes (its sign is that of the effect for the first attribute value)
     * @param pValue the Stouffer-combined two-sided p-value (0 where it underflows a double; see {@code log10PValue})
     * @param log10PValue its base-10 logarithm, finite at any n
     * @param maxPValue the largest per-class two-sided p-value
     * @param favours the attribute value it goes with
     * @param flagged whether it passes the thresholds
     * @param prevalence per class, per attribute value: the share of examples where the concept is present
     * @param meanWeight per class, per attribute value: its mean weight
     */
    public record Finding(String concept, double effect, double classEffect, double z, double pValue, double log10PValue,
                          double maxPValue, String favours, boolean flagged, Map<String, Map<String, Double>> prevalence,
                          Map<String, Map<String, Double>> meanWeight) {
    }

    private SpuriousConceptDiscovery() {
    }

    /**
     * @param decompositions training decompositions
     * @param classes their class labels
     * @param attribute their spurious-attribute values (two distinct values)
     * @param minPrevalence the least share of examples a concept must appear in to be tested
     * @param minEffect the least |effect| to flag
     * @param alpha the largest p-value to flag, in (0, 1)
     * @return every tested concept, flagged ones first, by |effect|
     */
    public static List<Finding> discover(List<Decomposition> decompositions, List<String> classes, List<String> attribute,
                                         double minPrevalence, double minEffect, double alpha) {
        int n = decompositions.size();
        if (classes.size() != n || attribute.size() != n) {
            throw new IllegalArgumentException("decompositions, classes and attribute values differ in length");
        }
        List<String> values = new ArrayList<>(new TreeSet<>(attribute));
        if (values.size() != 2) {
            throw SpliceInputException.forParameter("attribute", "needs exactly two values, found " + values);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw SpliceInputException.forParameter("alpha", "must be in (0, 1), got " + alpha);
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(classes));
        int k = classNames.size();
        int[] rowClass = new int[n];
        int[] rowValue = new int[n];
        int[][] sizes = new int[k][2];
        for (int i = 0; i < n; i++) {
            rowClass[i] = java.util.Collections.binarySearch(classNames, classes.get(i));
            rowValue[i] = attribute.get(i).equals(values.get(0)) ? 0 : 1;
            sizes[rowClass[i]][rowValue[i]]++;
        }
        SparseColumns columns = SparseColumns.of(decompositions);
        double zCritical = NormalTails.critical(alpha);
        List<Finding> out = new ArrayList<>();
        for (int concept = 0; concept < columns.concepts(); concept++) {
            int present = columns.count(concept);
            if (present == 0 || present < minPrevalence * n) {
                continue;
            }
            // the column's non-zero values, split by class and attribute value
            double[][][] cells = columns.cells(concept, rowClass, rowValue, k);
            double effectSum = 0;
            double sizeSum = 0;
            double maxP = 0;
            double zSum = 0;
            double zWeights = 0;
            Map<String, Map<String, Double>> prev = new TreeMap<>();
            Map<String, Map<String, Double>> mean = new TreeMap<>();
            boolean testable = true;
            for (int c = 0; c < k; c++) {
                int nA = sizes[c][0];
                int nB = sizes[c][1];
                Map<String, Double> pc = new LinkedHashMap<>();
                Map<String, Double> mc = new LinkedHashMap<>();
                pc.put(values.get(0), nA == 0 ? Double.NaN : cells[c][0].length / (double) nA);
                pc.put(values.get(1), nB == 0 ? Double.NaN : cells[c][1].length / (double) nB);
                mc.put(values.get(0), nA == 0 ? Double.NaN : sum(cells[c][0]) / nA);
                mc.put(values.get(1), nB == 0 ? Double.NaN : sum(cells[c][1]) / nB);
                prev.put(classNames.get(c), pc);
                mean.put(classNames.get(c), mc);
                if (nA < 2 || nB < 2) {
                    testable = false;
                    continue;
                }
                SparseMannWhitney.Result t = SparseMannWhitney.test(cells[c][0], nA, cells[c][1], nB);
                effectSum += t.rankBiserial() * (nA + nB);
                sizeSum += nA + nB;
                maxP = Math.max(maxP, t.variance() > 0 ? NormalTails.twoSided(t.z()) : 1.0);
                double weight = Math.sqrt(nA + nB);
                zSum += weight * t.z();
                zWeights += weight * weight;
            }
            double effect = sizeSum > 0 ? effectSum / sizeSum : 0;
            double classEffect = classEffect(cells, sizes, k);
            double z = zWeights > 0 ? zSum / Math.sqrt(zWeights) : 0;
            double log10P = NormalTails.log10TwoSided(z);
            boolean flagged = testable && Math.abs(effect) >= minEffect && Math.abs(z) >= zCritical
                    && Math.abs(effect) > Math.abs(classEffect);
            out.add(new Finding(columns.name(concept), effect, classEffect, z, Math.pow(10, log10P), log10P, maxP,
                    effect >= 0 ? values.get(0) : values.get(1), flagged, prev, mean));
        }
        out.sort(Comparator.comparing((Finding f) -> !f.flagged())
                .thenComparing(f -> -Math.abs(f.effect())).thenComparing(Finding::concept));
        return out;
    }

    /**
     * The rank-biserial correlation of a concept's weight with the class (first class against the second, for
     * exactly two classes), within each attribute value, weighted by the values' sizes.
     */
    private static double classEffect(double[][][] cells, int[][] sizes, int k) {
        if (k != 2) {
            return 0;
        }
        double sum = 0;
        double size = 0;
        for (int v = 0; v < 2; v++) {
            int nA = sizes[0][v];
            int nB = sizes[1][v];
            if (nA == 0 || nB == 0) {
                continue;
            }
            sum += SparseMannWhitney.test(cells[0][v], nA, cells[1][v], nB).rankBiserial() * (nA + nB);
            size += nA + nB;
        }
        return size > 0 ? sum / size : 0;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** Decompositions' weights transposed into per-concept columns of (row, weight), rows ascending. */
    static final class SparseColumns {
        private final String[] names;
        private final int[] start;
        private final int[] rows;
        private final double[] weights;

        private SparseColumns(String[] names, int[] start, int[] rows, double[] weights) {
            this.names = names;
            this.start = start;
            this.rows = rows;
            this.weights = weights;
        }

        static SparseColumns of(List<Decomposition> decompositions) {
            int concepts = 0;
            long nnz = 0;
            for (Decomposition d : decompositions) {
                int[] idx = d.weights().indices();
                if (idx.length > 0) {
                    concepts = Math.max(concepts, idx[idx.length - 1] + 1);
                }
                nnz += idx.length;
            }
            if (nnz > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many non-zero weights: " + nnz);
            }
            String[] names = new String[concepts];
            int[] start = new int[concepts + 1];
            for (Decomposition d : decompositions) {
                for (int i : d.weights().indices()) {
                    start[i + 1]++;
                }
            }
            for (int c = 0; c < concepts; c++) {
                start[c + 1] += start[c];
            }
            int[] fill = java.util.Arrays.copyOf(start, concepts);
            int[] rows = new int[(int) nnz];
            double[] weights = new double[(int) nnz];
            for (int r = 0; r < decompositions.size(); r++) {
                Decomposition d = decompositions.get(r);
                for (ConceptWeight cw : d.concepts()) {
                    int c = cw.index();
                    if (names[c] == null) {
                        names[c] = cw.name();
                    }
                    rows[fill[c]] = r;
                    weights[fill[c]++] = cw.weight();
                }
            }
            return new SparseColumns(names, start, rows, weights);
        }

        int concepts() {
            return names.length;
        }

        int count(int concept) {
            return start[concept + 1] - start[concept];
        }

        String name(int concept) {
            return names[concept];
        }

        /** The concept's non-zero weights by class and attribute value: {@code [class][value][]}. */
        double[][][] cells(int concept, int[] rowClass, int[] rowValue, int classes) {
            int[][] counts = new int[classes][2];
            for (int p = start[concept]; p < start[concept + 1]; p++) {
                counts[rowClass[rows[p]]][rowValue[rows[p]]]++;
            }
            double[][][] out = new double[classes][2][];
            for (int c = 0; c < classes; c++) {
                out[c][0] = new double[counts[c][0]];
                out[c][1] = new double[counts[c][1]];
                counts[c][0] = 0;
                counts[c][1] = 0;
            }
            for (int p = start[concept]; p < start[concept + 1]; p++) {
                int c = rowClass[rows[p]];
                int v = rowValue[rows[p]];
                out[c][v][counts[c][v]++] = weights[p];
            }
            return out;
        }
    }
}
