package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.encode.ConceptEmbeddingCache;
import io.github.splice4j.encode.TextEncoder;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code splice decompose}: the full SpLiCE pipeline on precomputed embeddings. */
@Command(name = "decompose", mixinStandardHelpOptions = true,
        description = {"Decompose embeddings into sparse nonnegative combinations of named concepts (SpLiCE):",
                "normalise, centre with the mean, solve, recompose; report the top concepts, cosine and l0 per row."})
final class DecomposeCommand implements Runnable {
    @Option(names = "--concepts", description = "Raw concept embeddings .npy, one row per vocabulary concept "
            + "(or --encoder: encoded and cached).")
    Path concepts;

    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--text", description = "With --encoder: a text to decompose (repeatable).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--text-file", description = "With --encoder: a file of texts to decompose, one per line.")
    Path textFile;

    @Mixin
    VocabularyOptions vocabularyOptions;

    @Option(names = "--mean", description = "clip:ViT-B-32, clip:ViT-B-16, clip:RN50, open_clip:ViT-B-32, a .npy file, or "
            + "'vocab' (the mean of the vocabulary's embeddings) (default: clip:ViT-B-32; with --encoder: vocab).")
    String mean;

    @Option(names = "--embeddings", description = "Embeddings .npy, n × dim.")
    Path embeddings;

    @Mixin
    PenaltyOptions penalty;

    @Option(names = "--out", description = "Write the weights: W.npz for a SciPy CSR matrix, DIR.parquet for Parquet "
            + "(one row per embedding, through Spark on local[*]), else a dense float32 W.npy (n × concepts).")
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
        penalty.penalty(0.25);
        Checks.positive("--top", top);
        Checks.positive("--chunk", chunk);
        boolean fromText = encoderOptions.present();
        if (fromText) {
            if (texts.isEmpty() && textFile == null) {
                throw new SpliceInputException("--text or --text-file: give the texts to decompose with --encoder or --model");
            }
            if (embeddings != null) {
                throw new SpliceInputException("--embeddings: not with --encoder (give --text or --text-file)");
            }
        } else if (concepts == null || embeddings == null) {
            throw new SpliceInputException("--concepts and --embeddings are required (or --encoder with --text)");
        }
        if (out != null && SparkCommand.parquet(out)) {
            parquet(fromText);
            return;
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            stagedOut = out == null ? null : tx.file(out, "--out");
            stagedReport = report == null ? null : tx.file(report, "--report");
            decompose(fromText);
            tx.commit();
        }
    }

    private Path stagedOut;
    private Path stagedReport;

    /** {@code --out DIR.parquet}: the Spark job's pipeline form on local[*] (one row per embedding, with cosine). */
    private void parquet(boolean fromText) {
        if (fromText || report != null) {
            throw new SpliceInputException("--out: a Parquet output takes --concepts and --embeddings, without --report "
                    + "(the Parquet rows carry l0, cosine, objective and gap)");
        }
        if (java.nio.file.Files.exists(out)) {
            throw new SpliceInputException("--out: " + out + " exists");
        }
        ConceptDictionary dictionary = ConceptDictionary.load(concepts, vocabularyOptions.load());
        SparkCommand.decomposeToParquet(dictionary, DecompositionInputs.mean(mean, false, null), penalty.penalty(0.25),
                solverOptions.tolerance, embeddings, chunk, out);
    }

    private void decompose(boolean fromText) {
        ConceptVocabulary vocabulary = vocabularyOptions.load();
        if (fromText) {
            List<String> all = new ArrayList<>(texts);
            if (textFile != null) {
                all.addAll(TextFiles.nonBlankLines(textFile, "--text-file"));
            }
            try (TextEncoder encoder = encoderOptions.openText()) {
                double[][] raw = concepts != null ? Npy.readMatrix(concepts)
                        : ConceptEmbeddingCache.embeddings(encoder, vocabulary, new StderrProgress("encoding concepts"));
                ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw,
                        concepts != null ? concepts.toString() : encoder.modelId() + " concept embeddings");
                EmbeddingMean m = DecompositionInputs.mean(mean, true, raw);
                double[][] x = encoder.encodeTexts(all, new StderrProgress("encoding texts"));
                Decomposer decomposer = decomposer(dictionary, m);
                write(dictionary, all.size(), all, sink -> decomposer.decompose(x, new StderrProgress("decompose")).forEach(sink));
            }
            return;
        }
        double[][] raw = Npy.readMatrix(concepts);
        ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw, concepts.toString());
        EmbeddingMean m = DecompositionInputs.mean(mean, false, raw);
        try (NpyReader reader = NpyReader.open(embeddings)) {
            Checks.embeddingsMatch(reader, dictionary.dimension());
            // streamed in chunks: the solver for a job of this many rows
            Decomposer decomposer = new Decomposer(dictionary, m, penalty.penalty(0.25),
                    solverOptions.build(reader.rows(), dictionary.size()));
            write(dictionary, reader.rows(), null,
                    sink -> decomposer.decompose(reader, chunk, sink, new StderrProgress("decompose")));
        }
    }

    private Decomposer decomposer(ConceptDictionary dictionary, EmbeddingMean m) {
        return new Decomposer(dictionary, m, penalty.penalty(0.25), solverOptions.build());
    }

    /** Runs the decompositions into the weights file and the report, committing both only on success. */
    private void write(ConceptDictionary dictionary, int rows, List<String> rowTexts,
                       Consumer<Consumer<Decomposition>> run) {
        try (WeightsFile weights = stagedOut == null ? null : WeightsFile.open(out, stagedOut, rows, dictionary.size());
             OutputFile rep = new OutputFile(stagedReport, "--report")) {
            PrintWriter pw = rep.writer();
            if (format == Format.csv) {
                pw.println("row,l0,cosine,lambda,objective,relative_gap,concepts" + (rowTexts != null ? ",text" : ""));
            }
            int[] row = {0};
            run.accept(d -> {
                if (weights != null) {
                    weights.write(d.weights());
                }
                String text = rowTexts == null ? null : rowTexts.get(row[0]);
                pw.println(format == Format.csv ? csvLine(row[0], d, top, text) : Json.line(jsonObject(row[0], d, top, text)));
                row[0]++;
            });
            if (weights != null) {
                weights.commit();
            }
            rep.commit();
        }
    }

    static Map<String, Object> jsonObject(long row, Decomposition d, int top, String text) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConceptWeight cw : d.topConcepts(top)) {
            list.add(Json.object("name", cw.name(), "weight", Json.round(cw.weight(), 6)));
        }
        Map<String, Object> o = text == null ? Json.object("row", row) : Json.object("row", row, "text", text);
        o.putAll(Json.object("l0", d.l0(), "cosine", Json.round(d.cosine(), 6), "lambda", d.weights().lambda(),
                "objective", d.weights().objective(), "relative_gap", d.weights().relativeGap(), "concepts", list));
        return o;
    }

    private static String csvLine(long row, Decomposition d, int top, String text) {
        StringBuilder sb = new StringBuilder();
        for (ConceptWeight cw : d.topConcepts(top)) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(cw.name()).append(':').append(Decimals.fixed(cw.weight(), 6));
        }
        return row + "," + d.l0() + "," + Decimals.fixed(d.cosine(), 6) + "," + d.weights().lambda() + ","
                + d.weights().objective() + ","
                + d.weights().relativeGap() + "," + quote(sb.toString()) + (text == null ? "" : "," + quote(text));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
