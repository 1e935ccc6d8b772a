package io.github.splice4j.cli;

import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.probes.Accuracy;
import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.Split;
import io.github.splice4j.probes.ZeroShotClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code splice zeroshot}: zero-shot accuracy on dense embeddings and on SpLiCE recompositions. */
@Command(name = "zeroshot", mixinStandardHelpOptions = true,
        description = {"Zero-shot classification (the paper's Tables 5/6): class prompts ('a photo of a {class}') encoded by",
                "the text encoder, or --class-embeddings; cosine argmax on the dense embeddings and on their SpLiCE",
                "recompositions, accuracy side by side (test split, or all rows without one)."})
final class ZeroShotCommand implements Runnable {
    @Mixin
    DecompositionInputs inputs;

    @Mixin
    LabelOptions labelOptions;

    @Mixin
    ClassOptions classOptions;

    @Option(names = "--out", required = true, description = "Output JSON (a Markdown summary is written beside it).")
    Path out;

    @Override
    public void run() {
        if (!classOptions.present()) {
            throw new io.github.splice4j.SpliceInputException("--classes: required");
        }
        Reports.inTransaction(out, files -> run(files));
    }

    private void run(Reports.Files files) {
        try (DecompositionInputs.Loaded in = inputs.load(new DecompositionInputs.Needs(true, false))) {
            LabelTable t = labelOptions.table(labelOptions.targets.get(0), in.rows(), inputs.embeddings);
            ZeroShotClassifier zs = classOptions.classifier(in.encoder(), t);
            int[] rows = t.rows(Split.TEST);
            double[][] dense = Reports.select(in.embeddings(), rows);
            List<Decomposition> scored = Reports.select(in.decompositions(), rows);
            double[][] recomposed = scored.stream().map(d -> in.decomposer().recompose(d.weights())).toArray(double[][]::new);
            Accuracy a = Accuracy.of(zs.predict(dense), t.labels(rows), t.groups(rows));
            Accuracy b = Accuracy.of(zs.predict(recomposed), t.labels(rows), t.groups(rows));
            double l0 = scored.stream().mapToInt(Decomposition::l0).average().orElse(0);
            Map<String, Object> report = Json.object("target", t.target(), "classes", zs.classes(), "dense", a.toMap(),
                    "splice", b.toMap(), "lambda", PenaltyOptions.reported(in.decomposer().penalty()), "mean_l0", l0);
            String md = String.format(Locale.ROOT, "# Zero-shot\n\nTarget `%s`, classes %s, λ = %s (mean l0 %.1f).%n%n"
                    + "| embeddings | accuracy | n | per group |%n|---|---:|---:|---|%n", t.target(), zs.classes(),
                    PenaltyOptions.reported(in.decomposer().penalty()), l0) + Reports.accuracyLine("dense", a) + Reports.accuracyLine("SpLiCE", b);
            files.write(report, md);
        }
    }
}
