package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.encode.ConceptEmbeddingCache;
import io.github.splice4j.encode.TextEncoder;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.solver.Penalty;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of every command that decomposes a set of embeddings: the concept dictionary (from a
 * concept-embeddings file, or encoded and cached with --encoder/--model), the vocabulary, the mean,
 * λ, and the embeddings (a .npy file, or texts encoded with the same encoder).
 */
final class DecompositionInputs {
    @Option(names = "--concepts", description = "Raw concept embeddings .npy, one row per vocabulary concept "
            + "(or, with --encoder/--model, encoded and cached).")
    Path concepts;

    @Mixin
    VocabularyOptions vocabularyOptions;

    @Option(names = "--mean", description = "clip:ViT-B-32, clip:ViT-B-16, clip:RN50, open_clip:ViT-B-32, a .npy file, or "
            + "'vocab' (the mean of the vocabulary's embeddings) (default: clip:ViT-B-32; with a text encoder: vocab).")
    String mean;

    @Option(names = "--embeddings", description = "Embeddings .npy, n × dim.")
    Path embeddings;

    @Option(names = "--text-file", description = "With --encoder/--model: texts to embed instead of --embeddings, one per line.")
    Path textFile;

    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    PenaltyOptions penalty;

    @Mixin
    SolverOptions solverOptions;

    /**
     * Everything loaded.
     * @param decomposer the decomposer
     * @param embeddings the embeddings, or null when the command did not keep them
     * @param rows the number of embeddings
     * @param decompositions their decompositions
     * @param encoder the open text encoder, or null; closed with this
     */
    record Loaded(Decomposer decomposer, double[][] embeddings, int rows, List<Decomposition> decompositions,
                  TextEncoder encoder) implements AutoCloseable {
        @Override
        public void close() {
            if (encoder != null) {
                encoder.close();
            }
        }
    }

    /**
     * The centring mean of a {@code --mean} argument: a bundled name or a file; {@code vocab} (the default
     * for text encoders) is the mean of the vocabulary's normalised raw embeddings; otherwise clip:ViT-B-32.
     */
    static EmbeddingMean mean(String option, boolean textEncoder, double[][] rawConcepts) {
        if (option != null && !option.equals("vocab")) {
            return EmbeddingMean.load(option);
        }
        return textEncoder || "vocab".equals(option) ? EmbeddingMean.ofNormalizedRows("vocab", rawConcepts)
                : EmbeddingMean.bundled("clip:ViT-B-32");
    }

    /**
     * What a command keeps besides the decompositions, for the memory estimate.
     * @param embeddings whether it keeps the dense embeddings (dense baselines, paths, zero-shot)
     * @param denseProbe whether it trains a dense probe on them
     */
    record Needs(boolean embeddings, boolean denseProbe) {
        /** Decompositions only (streamed from the .npy file): the bias evaluation. */
        static final Needs DECOMPOSITIONS = new Needs(false, false);
    }

    /**
     * Loads the dictionary and mean and decomposes every embedding: a {@code .npy} file is streamed a chunk at
     * a time, and its rows are kept only when {@code needs} says so. Refuses up front (exit 2) a run whose
     * estimated memory exceeds the heap.
     * @param needs what the command keeps
     * @return everything loaded; {@link Loaded#embeddings()} is null unless kept
     */
    Loaded load(Needs needs) {
        Penalty chosen = penalty.penalty(0.25);
        ConceptVocabulary vocabulary = vocabularyOptions.load();
        TextEncoder encoder = encoderOptions.present() ? encoderOptions.openText() : null;
        try {
            if (encoder == null && (concepts == null || embeddings == null)) {
                throw new SpliceInputException("--concepts and --embeddings are required (or --encoder/--model with --text-file)");
            }
            if (embeddings == null && textFile == null) {
                throw new SpliceInputException("--embeddings or --text-file: give the data to decompose");
            }
            long rows = 0;
            if (embeddings != null) {
                try (NpyReader reader = NpyReader.open(embeddings)) {
                    rows = reader.header().shape()[0];
                    long dim = reader.header().shape().length > 1 ? reader.header().shape()[1] : 0;
                    budget(rows, dim, vocabulary.size(), needs).check();
                }
            }
            double[][] raw = concepts != null ? Npy.readMatrix(concepts)
                    : ConceptEmbeddingCache.embeddings(encoder, vocabulary, new StderrProgress("encoding concepts"));
            ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw,
                    concepts != null ? concepts.toString() : encoder.modelId() + " concept embeddings");
            EmbeddingMean m = mean(mean, encoder != null, raw);
            raw = null;
            // embeddings from a file are streamed in chunks: the solver for a job of that many rows
            Decomposer decomposer = new Decomposer(dictionary, m, chosen, embeddings != null
                    ? solverOptions.build(rows, dictionary.size()) : solverOptions.build());
            if (embeddings != null) {
                List<Decomposition> ds = new ArrayList<>();
                List<double[]> kept = needs.embeddings() ? new ArrayList<>() : null;
                try (NpyReader reader = NpyReader.open(embeddings)) {
                    Checks.embeddingsMatch(reader, dictionary.dimension());
                    decomposer.decomposeRows(reader, Decomposer.DEFAULT_CHUNK, (row, d) -> {
                        ds.add(d);
                        if (kept != null) {
                            kept.add(row);
                        }
                    }, new StderrProgress("decompose"));
                }
                return new Loaded(decomposer, kept == null ? null : kept.toArray(new double[0][]), ds.size(),
                        List.copyOf(ds), encoder);
            }
            double[][] x = encoder.encodeTexts(TextFiles.nonBlankLines(textFile, "--text-file"),
                    new StderrProgress("encoding texts"));
            List<Decomposition> ds = decomposer.decompose(x, new StderrProgress("decompose"));
            return new Loaded(decomposer, x, x.length, ds, encoder);
        } catch (RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            throw e;
        }
    }

    /** The memory estimate of decomposing {@code rows} embeddings and keeping what {@code needs} says. */
    static MemoryBudget budget(long rows, long dimension, long concepts, Needs needs) {
        MemoryBudget b = new MemoryBudget().dictionary(concepts, dimension)
                .add("decompositions", rows * MemoryBudget.PER_DECOMPOSITION)
                .add("labels", rows * MemoryBudget.PER_LABEL_ROW)
                .add("L1 probe", rows * MemoryBudget.PER_SPARSE_TRAIN_ROW)
                .add("reading", (long) Decomposer.DEFAULT_CHUNK * dimension * 16);
        if (needs.embeddings()) {
            b.add("embeddings", rows * (dimension * 8 + 24));
        }
        if (needs.denseProbe()) {
            b.add("dense probe", rows * dimension * MemoryBudget.PER_DENSE_VALUE);
        }
        return b;
    }
}
