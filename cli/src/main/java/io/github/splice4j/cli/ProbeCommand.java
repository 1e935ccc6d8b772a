package io.github.splice4j.cli;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.probes.Accuracy;
import io.github.splice4j.probes.ConceptProbe;
import io.github.splice4j.probes.DenseProbe;
import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code splice probe}: an interpretable L1 probe on concept weights. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Train a sparse (L1) logistic probe on the concept weights of the embeddings (fit on the train split,",
                "scored on every split) and report its accuracy, its l0, and its top concepts per class by name, next to",
                "a dense L2 probe on the embeddings. Writes --out (JSON) and a Markdown summary beside it."})
final class ProbeCommand implements Runnable {
    static final String BIAS_NOTE = "LibLinear L1R_LR fits a regularised bias; the reference used sklearn saga with "
            + "no intercept (and a multinomial loss for several classes, where LibLinear is one-vs-rest).";

    @Mixin
    DecompositionInputs inputs;

    @Mixin
    LabelOptions labelOptions;

    @Option(names = "--C", defaultValue = "1", description = "Inverse L1 strength C (default ${DEFAULT-VALUE}; the reference "
            + "used 10 on CelebA and 4 on Waterbirds).")
    double c;

    @Option(names = "--top", defaultValue = "10", description = "Concepts listed per class and sign (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--out", required = true, description = "Output JSON (a Markdown summary is written beside it).")
    Path out;

    @Override
    public void run() {
        Checks.positive("--top", top);
        Checks.positiveFinite("--C", c);
        Reports.inTransaction(out, files -> run(files));
    }

    private void run(Reports.Files files) {
        try (DecompositionInputs.Loaded in = inputs.load(new DecompositionInputs.Needs(true, true))) {
            List<Map<String, Object>> reports = new ArrayList<>();
            StringBuilder md = new StringBuilder("# Concept probe\n\n");
            for (String target : labelOptions.targets) {
                LabelTable t = labelOptions.table(target, in.rows(), inputs.embeddings);
                reports.add(probe(in, t, md));
            }
            Map<String, Object> report = reports.size() == 1 ? reports.get(0) : Json.object("targets", reports);
            files.write(report, md.toString());
        }
    }

    private Map<String, Object> probe(DecompositionInputs.Loaded in, LabelTable t, StringBuilder md) {
        int[] fit = t.rows(Split.TRAIN);
        ConceptProbe probe = ConceptProbe.train(Reports.select(in.decompositions(), fit), t.labels(fit), c);
        Map<String, Object> acc = new LinkedHashMap<>();
        md.append("## Target `").append(t.target()).append("`\n\n");
        if (!t.hasSplits()) {
            md.append("No split column: fitted and scored on all rows.\n\n");
        }
        md.append(String.format(Locale.ROOT, "L1 probe, C = %s, uses %d concepts. %s%n%n| split | accuracy | n | per group |%n"
                + "|---|---:|---:|---|%n", c, probe.l0(), BIAS_NOTE));
        for (Split s : t.hasSplits() ? Split.values() : new Split[] {Split.TRAIN}) {
            int[] rows = t.rows(s);
            if (rows.length == 0) {
                continue;
            }
            Accuracy a = probe.score(Reports.select(in.decompositions(), rows), t.labels(rows), t.groups(rows));
            String name = t.hasSplits() ? s.label() : "all";
            acc.put(name, a.toMap());
            md.append(Reports.accuracyLine(name, a));
        }
        int[] score = t.rows(Split.TEST);
        double[][] x = in.embeddings();
        double dense = DenseProbe.train(Reports.select(x, fit), t.labels(fit), c).score(Reports.select(x, score), t.labels(score), null)
                .accuracy();
        md.append(String.format(Locale.ROOT, "%nDense L2 probe on the embeddings, %s accuracy: %.4f%n%n",
                t.hasSplits() ? "test" : "all-rows", dense));
        Map<String, Object> topConcepts = new LinkedHashMap<>();
        md.append("| class | top positive concepts | top negative concepts |\n|---|---|---|\n");
        probe.topConcepts(top).forEach((label, signs) -> {
            topConcepts.put(label, Json.object("positive", pairs(signs.get("positive")), "negative", pairs(signs.get("negative"))));
            md.append("| ").append(label).append(" | ").append(text(signs.get("positive"))).append(" | ")
                    .append(text(signs.get("negative"))).append(" |\n");
        });
        md.append('\n');
        return Json.object("target", t.target(), "C", c, "l0", probe.l0(), "accuracy", acc, "top_concepts", topConcepts,
                "dense_baseline", Json.object("accuracy", dense), "lambda", PenaltyOptions.reported(in.decomposer().penalty()),
                "mean_l0", in.decompositions().stream().mapToInt(Decomposition::l0).average().orElse(0), "note", BIAS_NOTE);
    }

    private static List<Map<String, Object>> pairs(List<Pair<String, Double>> list) {
        return list.stream().map(p -> Json.object("name", p.getA(), "weight", p.getB())).toList();
    }

    private static String text(List<Pair<String, Double>> list) {
        return String.join(", ", list.stream().map(p -> String.format(Locale.ROOT, "%s (%.3f)", p.getA(), p.getB())).toList());
    }
}
