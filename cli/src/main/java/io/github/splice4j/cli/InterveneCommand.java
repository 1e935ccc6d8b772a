package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.interventions.ConceptPresets;
import io.github.splice4j.interventions.ConceptResolver;
import io.github.splice4j.interventions.RepresentationIntervention;
import io.github.splice4j.interventions.ResolvedConcepts;
import io.github.splice4j.probes.Accuracy;
import io.github.splice4j.probes.ConceptProbe;
import io.github.splice4j.probes.DenseProbe;
import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.Split;
import io.github.splice4j.probes.ZeroShotClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code splice intervene}: remove named concepts and measure what that did. */
@Command(name = "intervene", mixinStandardHelpOptions = true,
        description = {"Remove named concepts (with related ones) and report accuracy before and after, overall, per class",
                "and per group. --mode probe zeroes the concepts' coefficients in an L1 concept probe; --mode weights",
                "removes them from the decompositions, recomposes the dense embeddings and scores a dense L2 probe (and,",
                "with --classes, zero-shot) on them. Presets: celeba-glasses (Table 2), waterbirds-land (Table 7)."})
final class InterveneCommand implements Runnable {
    @Mixin
    DecompositionInputs inputs;

    @Mixin
    LabelOptions labelOptions;

    @Mixin
    ClassOptions classOptions;

    @Option(names = "--remove", split = ",", description = "Concepts to remove, comma-separated.")
    List<String> remove = new ArrayList<>();

    @Option(names = "--preset", description = "celeba-glasses or waterbirds-land: the paper's concept lists.")
    String preset;

    @Option(names = "--related", split = ",", description = "Related concepts to remove as well, comma-separated.")
    List<String> related = new ArrayList<>();

    @Option(names = "--related-threshold", description = "Also remove every concept with dictionary cosine ≥ this to a named one.")
    Double threshold;

    @Option(names = "--mode", defaultValue = "probe", description = "probe or weights (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--C", defaultValue = "1", description = "C of the probes (default ${DEFAULT-VALUE}).")
    double c;

    @Option(names = "--out", required = true, description = "Output JSON (a Markdown summary is written beside it).")
    Path out;

    @Override
    public void run() {
        Checks.positiveFinite("--C", c);
        if (threshold != null && !(threshold > -1 && threshold <= 1)) {
            throw new SpliceInputException("--related-threshold: a cosine in (-1, 1], got " + threshold);
        }
        if (!mode.equals("probe") && !mode.equals("weights")) {
            throw new SpliceInputException("--mode: probe or weights, got '" + mode + "'");
        }
        List<String> named = new ArrayList<>(remove);
        if (preset != null) {
            named.addAll(ConceptPresets.get(preset));
        }
        if (named.isEmpty()) {
            throw new SpliceInputException("--remove or --preset: name the concepts to remove");
        }
        Reports.inTransaction(out, files -> run(files, named));
    }

    private void run(Reports.Files files, List<String> named) {
        try (DecompositionInputs.Loaded in = inputs.load(new DecompositionInputs.Needs(true, true))) {
            ResolvedConcepts resolved = new ConceptResolver(in.decomposer().dictionary())
                    .resolve(named, related, threshold == null ? Double.NaN : threshold);
            System.err.println("removing " + resolved.names().size() + " concept(s): " + String.join(", ", resolved.names()));
            RepresentationIntervention.Result edit = RepresentationIntervention.apply(in.decomposer(), in.embeddings(),
                    in.decompositions(), resolved);
            // the unedited recompositions are scored only in weights mode
            double[][] before = mode.equals("weights") ? in.decompositions().stream()
                    .map(d -> in.decomposer().recompose(d.weights())).toArray(double[][]::new) : null;
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("mode", mode);
            report.put("removed", resolved.names());
            report.put("reasons", resolved.reasons());
            report.put("weight_mass_removed", edit.weightMassRemoved());
            report.put("embeddings_affected", edit.affected());
            report.put("cosine_before", edit.meanCosineBefore());
            report.put("cosine_after", edit.meanCosineAfter());
            StringBuilder md = new StringBuilder("# Intervention\n\n");
            md.append(String.format(Locale.ROOT, "Mode `%s`. Removed %d concept(s): %s.%n%nWeight mass removed %.1f%% "
                            + "(%d of %d embeddings affected); mean reconstruction cosine %.4f → %.4f.%n%n", mode,
                    resolved.names().size(), String.join(", ", resolved.names()), 100 * edit.weightMassRemoved(),
                    edit.affected(), in.rows(), edit.meanCosineBefore(), edit.meanCosineAfter()));
            List<Map<String, Object>> targets = new ArrayList<>();
            for (String target : labelOptions.targets) {
                LabelTable t = labelOptions.table(target, in.rows(), inputs.embeddings);
                targets.add(target(t, in, edit, before, resolved, md));
            }
            report.put("before", targets.get(0).get("before"));
            report.put("after", targets.get(0).get("after"));
            report.put("targets", targets);
            files.write(report, md.toString());
        }
    }

    private Map<String, Object> target(LabelTable t, DecompositionInputs.Loaded in, RepresentationIntervention.Result edit,
                                       double[][] recomposedBefore, ResolvedConcepts resolved, StringBuilder md) {
        int[] fit = t.rows(Split.TRAIN);
        int[] score = t.rows(Split.TEST);
        List<String> truth = t.labels(score);
        List<String> groups = t.groups(score);
        Accuracy a;
        Accuracy b;
        if (mode.equals("probe")) {
            ConceptProbe probe = ConceptProbe.train(Reports.select(in.decompositions(), fit), t.labels(fit), c);
            List<Decomposition> test = Reports.select(in.decompositions(), score);
            a = probe.score(test, truth, groups);
            b = probe.withoutConcepts(resolved.nameSet()).score(test, truth, groups);
        } else {
            DenseProbe probe = DenseProbe.train(Reports.select(in.embeddings(), fit), t.labels(fit), c);
            a = probe.score(Reports.select(recomposedBefore, score), truth, groups);
            b = probe.score(Reports.select(edit.recomposed(), score), truth, groups);
        }
        md.append("## Target `").append(t.target()).append("`\n\n| | accuracy | n | per group |\n|---|---:|---:|---|\n")
                .append(Reports.accuracyLine("before", a)).append(Reports.accuracyLine("after", b)).append('\n');
        Map<String, Object> m = Json.object("target", t.target(), "before", a.toMap(), "after", b.toMap());
        if (classOptions.present() && mode.equals("weights")) {
            ZeroShotClassifier zs = classOptions.classifier(in.encoder(), t);
            Accuracy zb = Accuracy.of(zs.predict(Reports.select(recomposedBefore, score)), truth, groups);
            Accuracy za = Accuracy.of(zs.predict(Reports.select(edit.recomposed(), score)), truth, groups);
            m.put("zero_shot", Json.object("before", zb.toMap(), "after", za.toMap()));
            md.append("Zero-shot on the recompositions:\n\n| | accuracy | n | per group |\n|---|---:|---:|---|\n")
                    .append(Reports.accuracyLine("before", zb)).append(Reports.accuracyLine("after", za)).append('\n');
        }
        return m;
    }
}
