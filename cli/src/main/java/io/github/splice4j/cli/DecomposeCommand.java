package io.github.splice4j.cli;

import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.npy.NpyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code splice decompose}: the full SpLiCE pipeline on precomputed embeddings. */
@Command(name = "decompose", mixinStandardHelpOptions = true,
        description = {"Decompose embeddings into sparse nonnegative combinations of named concepts (SpLiCE):",
                "normalise, centre with the mean, solve, recompose; report the top concepts, cosine and l0 per row."})
final class DecomposeCommand implements Runnable {
    @Option(names = "--concepts", required = true, description = "Raw concept embeddings .npy, one row per vocabulary concept.")
    Path concepts;

    @Option(names = "--vocab", defaultValue = "laion",
            description = "laion, laion_bigrams, mscoco, or a file with one concept per line (default ${DEFAULT-VALUE}).")
    String vocab;

    @Option(names = "--vocab-size", defaultValue = "10000",
            description = "Keep the last k lines of the vocabulary; -1 or 'all' for all (default ${DEFAULT-VALUE}).")
    String vocabSize;

    @Option(names = "--mean", defaultValue = "clip:ViT-B-32",
            description = "Image mean: clip:ViT-B-32, clip:ViT-B-16, clip:RN50, open_clip:ViT-B-32, or a .npy file (default ${DEFAULT-VALUE}).")
    String mean;

    @Option(names = "--embeddings", required = true, description = "Embeddings .npy, n × dim.")
    Path embeddings;

    @Mixin
    PenaltyOptions penalty;

    @Option(names = "--out", description = "Write the dense weights (n × concepts, float32) to this .npy file.")
    Path out;

    @Option(names = "--top", defaultValue = "10", description = "Concepts listed per row (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (JSON lines) (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report", description = "Write the per-row report to this file instead of standard output.")
    Path report;

    @Option(names = "--chunk", defaultValue = "4096", description = "Rows read and solved at a time (default ${DEFAULT-VALUE}).")
    int chunk;

    @Mixin
    SolverOptions solverOptions;

    /** Report formats. */
    enum Format { csv, json }

    @Override
    public void run() {
        penalty.validate(0.25);
        Checks.positive("--top", top);
        Checks.positive("--chunk", chunk);
        ConceptVocabulary vocabulary = ConceptVocabulary.load(vocab, ConceptVocabulary.parseSize(vocabSize));
        System.err.println(vocabulary.summary());
        EmbeddingMean m = EmbeddingMean.load(mean);
        ConceptDictionary dictionary = ConceptDictionary.load(concepts, vocabulary);
        Decomposer decomposer = penalty.l0 != null
                ? Decomposer.atSparsity(dictionary, m, penalty.l0, solverOptions.cpuFor("--l0"))
                : new Decomposer(dictionary, m, penalty.lambda, solverOptions.build());
        try (NpyReader reader = NpyReader.open(embeddings)) {
            Checks.embeddingsMatch(reader, dictionary.dimension());
            try (NpyWriter weights = out == null ? null
                    : NpyWriter.create(out, NpyDType.FLOAT32, reader.rows(), dictionary.size());
                 OutputFile rep = new OutputFile(report, "--report")) {
                PrintWriter pw = rep.writer();
                if (format == Format.csv) {
                    pw.println("row,l0,cosine,lambda,objective,relative_gap,concepts");
                }
                long[] row = {0};
                decomposer.decompose(reader, chunk, d -> {
                    if (weights != null) {
                        weights.writeRow(d.weights().toDense(dictionary.size()));
                    }
                    pw.println(format == Format.csv ? csvLine(row[0], d, top) : Json.line(jsonObject(row[0], d, top)));
                    row[0]++;
                }, new StderrProgress("decompose"));
                if (weights != null) {
                    weights.commit();
                }
                rep.commit();
            }
        }
    }

    static Map<String, Object> jsonObject(long row, Decomposition d, int top) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConceptWeight cw : d.topConcepts(top)) {
            list.add(Json.object("name", cw.name(), "weight", Json.round(cw.weight(), 6)));
        }
        return Json.object("row", row, "l0", d.l0(), "cosine", Json.round(d.cosine(), 6), "lambda", d.weights().lambda(),
                "objective", d.weights().objective(), "relative_gap", d.weights().relativeGap(), "concepts", list);
    }

    private static String csvLine(long row, Decomposition d, int top) {
        StringBuilder sb = new StringBuilder();
        for (ConceptWeight cw : d.topConcepts(top)) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(cw.name()).append(':').append(String.format("%.6f", cw.weight()));
        }
        return row + "," + d.l0() + "," + String.format("%.6f", d.cosine()) + "," + d.weights().lambda() + ","
                + d.weights().objective() + ","
                + d.weights().relativeGap() + ",\"" + sb.toString().replace("\"", "\"\"") + "\"";
    }
}
