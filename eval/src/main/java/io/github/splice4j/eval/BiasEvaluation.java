package io.github.splice4j.eval;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.interventions.ConceptResolver;
import io.github.splice4j.interventions.ResolvedConcepts;
import io.github.splice4j.probes.ConceptProbe;
import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.Split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bias evaluation of a labelled, decomposed dataset: an L1 concept probe fitted on the train split;
 * group metrics on the test split (with intervals); spurious-concept discovery on the train split;
 * the removal of named and/or the top discovered concepts from the probe; group metrics again; and the
 * shift of concept statistics between splits. Renders to JSON-ready maps and an HTML report.
 */
public final class BiasEvaluation {
    /**
     * Settings.
     * @param c the probe's C
     * @param remove concepts to remove by name
     * @param removeDiscovered how many of the top flagged discovered concepts to remove
     * @param resamples bootstrap resamples
     * @param level interval level
     * @param seed bootstrap seed
     * @param minPrevalence discovery: the least prevalence to test a concept
     * @param minEffect discovery: the least |rank-biserial| to flag
     * @param alpha discovery: the largest p-value to flag
     * @param watch concepts whose prevalence by class and split is reported (besides the removed and discovered)
     * @param sweepGrid a λ grid for a sparsity–accuracy sweep in the report, or an empty array for none
     */
    public record Settings(double c, List<String> remove, int removeDiscovered, int resamples, double level, long seed,
                           double minPrevalence, double minEffect, double alpha, List<String> watch, double[] sweepGrid) {
        /**
         * Defaults: C = 1, 1,000 resamples at 95%, seed 0; discovery at prevalence ≥ 2%, |effect| ≥ 0.2, p &lt; 0.001.
         * @param remove concepts to remove
         * @param removeDiscovered top discovered concepts to remove
         * @return the settings
         */
        public static Settings defaults(List<String> remove, int removeDiscovered) {
            return new Settings(1.0, remove, removeDiscovered, 1000, 0.95, 0, 0.02, 0.2, 1e-3, List.of(), new double[0]);
        }
    }

    /**
     * The result.
     * @param before group metrics of the probe
     * @param after group metrics after the removal (null when nothing was removed)
     * @param removed the removed concepts
     * @param discovered the flagged concepts, ranked
     * @param probeL0 the probe's number of concepts
     * @param topConcepts per class, the probe's top positive concepts
     * @param shift per class, cosines of the splits' mean concept vectors
     * @param prevalence per removed or discovered concept (at most 6): per class and split, its prevalence
     * @param meanL0 the mean number of concepts per embedding
     * @param meanCosine the mean reconstruction cosine
     * @param sweep the sparsity–accuracy sweep, or null
     */
    public record Result(GroupMetrics before, GroupMetrics after, List<String> removed,
                         List<SpuriousConceptDiscovery.Finding> discovered, int probeL0,
                         Map<String, List<Pair<String, Double>>> topConcepts, Map<String, Map<String, Double>> shift,
                         Map<String, Map<String, Map<String, Double>>> prevalence, double meanL0, double meanCosine,
                         io.github.splice4j.probes.SparsitySweep.Result sweep) {
    }

    private BiasEvaluation() {
    }

    /**
     * Runs the evaluation.
     * @param decomposer the decomposer (for names)
     * @param embeddings every row's embedding, in the table's row order (for the optional sweep), or null
     * @param decompositions every row's decomposition, in the table's row order
     * @param table the labels (target, groups, splits)
     * @param spurious every row's spurious-attribute value
     * @param s the settings
     * @return the result
     */
    public static Result run(Decomposer decomposer, double[][] embeddings, List<Decomposition> decompositions, LabelTable table,
                             List<String> spurious, Settings s) {
        int[] fit = table.rows(Split.TRAIN);
        int[] score = table.rows(Split.TEST);
        if (fit.length == 0 || score.length == 0) {
            throw new io.github.splice4j.SpliceInputException(table.file() + ": no rows in the "
                    + (fit.length == 0 ? "train" : "test") + " split");
        }
        List<Decomposition> train = pick(decompositions, fit);
        List<Decomposition> test = pick(decompositions, score);
        List<String> trainY = table.labels(fit);
        ConceptProbe probe = ConceptProbe.train(train, trainY, s.c());
        Map<String, Double> proportions = GroupMetrics.proportions(table.groups(fit));
        List<String> truth = table.labels(score);
        List<String> groups = table.groups(score);
        GroupMetrics before = GroupMetrics.compute(probe.predict(test), truth, groups, proportions, s.resamples(),
                s.level(), s.seed());
        List<SpuriousConceptDiscovery.Finding> found = SpuriousConceptDiscovery.discover(train, trainY,
                pick(spurious, fit), s.minPrevalence(), s.minEffect(), s.alpha()).stream()
                .filter(SpuriousConceptDiscovery.Finding::flagged).toList();
        Set<String> remove = new LinkedHashSet<>();
        if (!s.remove().isEmpty()) {
            remove.addAll(resolve(decomposer, s.remove(), "remove"));
        }
        found.stream().limit(s.removeDiscovered()).forEach(f -> remove.add(f.concept()));
        GroupMetrics after = remove.isEmpty() ? null
                : GroupMetrics.compute(probe.withoutConcepts(remove).predict(test), truth, groups, proportions,
                s.resamples(), s.level(), s.seed());
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            splits.add(null);
        }
        for (Split sp : Split.values()) {
            for (int r : table.rows(sp)) {
                splits.set(r, table.hasSplits() ? sp : Split.TRAIN);
            }
        }
        List<String> classes = table.labels(java.util.stream.IntStream.range(0, table.size()).toArray());
        Map<String, Map<String, Double>> shift = SplitShift.meanVectorCosines(decompositions, classes, splits,
                decomposer.dictionary().size());
        Map<String, Map<String, Map<String, Double>>> prevalence = new LinkedHashMap<>();
        Set<String> watched = new LinkedHashSet<>();
        if (!s.watch().isEmpty()) {
            watched.addAll(resolve(decomposer, s.watch(), "watch"));
        }
        watched.addAll(remove);
        found.stream().limit(6).forEach(f -> watched.add(f.concept()));
        watched.stream().limit(6 + s.watch().size())
                .forEach(c -> prevalence.put(c, SplitShift.prevalence(decompositions, classes, splits, c)));
        io.github.splice4j.probes.SparsitySweep.Result sweep = null;
        if (s.sweepGrid().length > 0 && embeddings != null) {
            sweep = io.github.splice4j.probes.SparsitySweep.run(decomposer,
                    rowsOf(embeddings, fit), trainY, rowsOf(embeddings, score), truth, s.sweepGrid(), s.c(),
                    io.github.splice4j.ProgressListener.NONE);
        }
        Map<String, List<Pair<String, Double>>> top = new LinkedHashMap<>();
        probe.topConcepts(8).forEach((label, m) -> top.put(label, m.get("positive")));
        return new Result(before, after, List.copyOf(remove), found, probe.l0(), top, shift, prevalence,
                decompositions.stream().mapToInt(Decomposition::l0).average().orElse(0),
                decompositions.stream().mapToDouble(Decomposition::cosine).average().orElse(0), sweep);
    }

    /** A p-value from its log10, readable at any size: 3.2e-05, or 10^-1234.5 below double range. */
    private static String pText(double log10P) {
        return log10P > -300 ? String.format(Locale.ROOT, "%.1e", Math.pow(10, log10P))
                : String.format(Locale.ROOT, "10^%.1f", log10P);
    }

    /** Concept names resolved in the dictionary's vocabulary; an unknown name is reported as {@code parameter}'s. */
    private static List<String> resolve(Decomposer decomposer, List<String> names, String parameter) {
        try {
            ResolvedConcepts r = new ConceptResolver(decomposer.dictionary()).resolve(names, List.of(), Double.NaN);
            return r.names();
        } catch (io.github.splice4j.SpliceInputException e) {
            throw io.github.splice4j.SpliceInputException.forParameter(parameter, e.reason(), e);
        }
    }

    private static double[][] rowsOf(double[][] x, int[] rows) {
        return Arrays.stream(rows).mapToObj(r -> x[r]).toArray(double[][]::new);
    }

    private static <T> List<T> pick(List<T> all, int[] rows) {
        return Arrays.stream(rows).mapToObj(all::get).toList();
    }

    /**
     * @param r a result
     * @param title the report title
     * @param description what was evaluated (data, model, λ)
     * @return the JSON-ready report: before/after group metrics, removed, discovered, shift
     */
    public static Map<String, Object> toMap(Result r, String title, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description);
        m.put("mean_l0", r.meanL0());
        m.put("mean_cosine", r.meanCosine());
        m.put("probe_l0", r.probeL0());
        Map<String, Object> before = r.before().toMap();
        m.put("groups", before.get("groups"));
        m.put("worst_group", before.get("worst_group"));
        m.put("average", before.get("average"));
        m.put("weighted_average", before.get("weighted_average"));
        m.put("before", before);
        m.put("after", r.after() == null ? null : r.after().toMap());
        m.put("removed", r.removed());
        List<Map<String, Object>> disc = new ArrayList<>();
        for (SpuriousConceptDiscovery.Finding f : r.discovered()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("concept", f.concept());
            d.put("effect", f.effect());
            d.put("class_effect", f.classEffect());
            d.put("z", f.z());
            d.put("p_value", f.pValue());
            d.put("log10_p_value", f.log10PValue());
            d.put("max_p_value_per_class", f.maxPValue());
            d.put("favours", f.favours());
            d.put("prevalence", f.prevalence());
            d.put("mean_weight", f.meanWeight());
            disc.add(d);
        }
        m.put("discovered", disc);
        Map<String, Object> top = new LinkedHashMap<>();
        r.topConcepts().forEach((k, v) -> top.put(k, v.stream().map(p -> Map.of("name", p.getA(), "weight", p.getB())).toList()));
        m.put("top_concepts", top);
        m.put("split_shift", r.shift());
        m.put("prevalence_by_split", r.prevalence());
        if (r.sweep() != null) {
            m.put("sweep", Map.of("rows", r.sweep().rows(), "dense_accuracy", r.sweep().denseAccuracy()));
        }
        return m;
    }

    /**
     * @param r a result
     * @param title the report title
     * @param description what was evaluated
     * @return the HTML report
     */
    public static String html(Result r, String title, String description) {
        HtmlReport h = new HtmlReport(title).paragraph(description)
                .paragraph(String.format(Locale.ROOT, "Mean concepts per embedding %.1f, mean reconstruction cosine %.3f; "
                        + "the L1 probe uses %d concepts.", r.meanL0(), r.meanCosine(), r.probeL0()));
        h.heading("Group accuracy");
        h.figure(groupChart(r));
        List<List<String>> rows = new ArrayList<>();
        rows.add(metricRow("worst-group accuracy", r.before().worstGroup(), r.after() == null ? null : r.after().worstGroup()));
        rows.add(metricRow("average accuracy", r.before().average(), r.after() == null ? null : r.after().average()));
        rows.add(metricRow("train-weighted accuracy", r.before().weightedAverage(),
                r.after() == null ? null : r.after().weightedAverage()));
        rows.add(metricRow("accuracy gap", r.before().gap(), r.after() == null ? null : r.after().gap()));
        h.table(List.of("metric", "before [95% CI]", "after [95% CI]"), rows);
        if (!r.removed().isEmpty()) {
            h.paragraph("Removed: " + String.join(", ", r.removed()));
        }
        h.heading("Discovered spurious concepts");
        h.paragraph("Concepts whose weight differs between the values of the spurious attribute within the classes "
                + "(Mann–Whitney U per class, rank-biserial effect, p-values combined over classes by Stouffer), strongest first.");
        List<List<String>> d = new ArrayList<>();
        for (SpuriousConceptDiscovery.Finding f : r.discovered().stream().limit(15).toList()) {
            d.add(List.of(f.concept(), String.format(Locale.ROOT, "%.3f", f.effect()), String.format(Locale.ROOT, "%.1f",
                    f.z()), pText(f.log10PValue()), f.favours(), prevalenceText(f.prevalence())));
        }
        h.table(List.of("concept", "effect", "z", "p", "goes with", "prevalence by class and attribute"), d);
        h.heading("Top concepts per class (L1 probe)");
        List<List<String>> t = new ArrayList<>();
        r.topConcepts().forEach((k, v) -> t.add(List.of(k, String.join(", ", v.stream()
                .map(p -> String.format(Locale.ROOT, "%s (%.2f)", p.getA(), p.getB())).toList()))));
        h.table(List.of("class", "concepts (coefficient)"), t);
        h.heading("Concept prevalence by split");
        for (Map.Entry<String, Map<String, Map<String, Double>>> e : r.prevalence().entrySet()) {
            List<String> cats = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            e.getValue().forEach((cls, bySplit) -> bySplit.forEach((split, v) -> {
                cats.add(cls + " " + split);
                vals.add(v);
            }));
            double[] nan = new double[vals.size()];
            Arrays.fill(nan, Double.NaN);
            h.figure(new SvgBarChart("Prevalence of \"" + e.getKey() + "\" by class and split", "share of examples", cats)
                    .series(e.getKey(), vals.stream().mapToDouble(Double::doubleValue).toArray(), nan, nan).render());
        }
        List<List<String>> sh = new ArrayList<>();
        r.shift().forEach((cls, pairs) -> pairs.forEach((p, v) -> sh.add(List.of(cls, p, String.format(Locale.ROOT, "%.4f", v)))));
        h.paragraph("Cosine similarity between the splits' mean concept vectors, per class:");
        h.table(List.of("class", "splits", "cosine"), sh);
        if (r.sweep() != null) {
            h.heading("Sparsity–accuracy sweep");
            h.figure(r.sweep().svg());
            List<List<String>> rows2 = new ArrayList<>();
            r.sweep().rows().forEach(x -> rows2.add(List.of(String.format(Locale.ROOT, "%.4g", x.lambda()),
                    String.format(Locale.ROOT, "%.1f", x.meanL0()), String.format(Locale.ROOT, "%.4f", x.accuracy()))));
            rows2.add(List.of("dense L2 probe", "—", String.format(Locale.ROOT, "%.4f", r.sweep().denseAccuracy())));
            h.table(List.of("λ", "mean l0", "test accuracy"), rows2);
        }
        return h.render();
    }

    /**
     * @param r a result
     * @return per-group accuracy before (and after) the removal, with Wilson intervals, as SVG
     */
    public static String groupChart(Result r) {
        List<String> names = r.before().groups().stream().map(GroupMetrics.Group::group).toList();
        SvgBarChart chart = new SvgBarChart("Accuracy by group (Wilson 95% intervals)", "accuracy", names);
        chart.series("before", r.before().groups().stream().mapToDouble(GroupMetrics.Group::accuracy).toArray(),
                r.before().groups().stream().mapToDouble(g -> g.wilson().low()).toArray(),
                r.before().groups().stream().mapToDouble(g -> g.wilson().high()).toArray());
        if (r.after() != null) {
            chart.series("after removing " + r.removed().size() + " concept(s)",
                    r.after().groups().stream().mapToDouble(GroupMetrics.Group::accuracy).toArray(),
                    r.after().groups().stream().mapToDouble(g -> g.wilson().low()).toArray(),
                    r.after().groups().stream().mapToDouble(g -> g.wilson().high()).toArray());
        }
        return chart.render();
    }

    private static String prevalenceText(Map<String, Map<String, Double>> prevalence) {
        List<String> parts = new ArrayList<>();
        prevalence.forEach((cls, byValue) -> {
            List<String> v = new ArrayList<>();
            byValue.forEach((value, share) -> v.add(String.format(Locale.ROOT, "%s: %.0f%%", value, 100 * share)));
            parts.add("class " + cls + " (" + String.join(", ", v) + ")");
        });
        return String.join("; ", parts);
    }

    private static List<String> metricRow(String name, GroupMetrics.Estimate b, GroupMetrics.Estimate a) {
        return List.of(name, fmt(b), a == null ? "—" : fmt(a));
    }

    private static String fmt(GroupMetrics.Estimate e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.value(), e.ci().low(), e.ci().high());
    }
}
