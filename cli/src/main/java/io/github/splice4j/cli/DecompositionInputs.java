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
import io.github.splice4j.solver.Penalty;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
     * @param embeddings the embeddings
     * @param decompositions their decompositions
     * @param encoder the open text encoder, or null; closed with this
     */
    record Loaded(Decomposer decomposer, double[][] embeddings, List<Decomposition> decompositions, TextEncoder encoder)
            implements AutoCloseable {
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

    /** Loads the dictionary, mean and embeddings, and decomposes every embedding. */
    Loaded load() {
        Penalty chosen = penalty.penalty(0.25);
        ConceptVocabulary vocabulary = vocabularyOptions.load();
        TextEncoder encoder = encoderOptions.present() ? encoderOptions.openText() : null;
        try {
            if (encoder == null && (concepts == null || embeddings == null)) {
                throw new SpliceInputException("--concepts and --embeddings are required (or --encoder/--model with --text-file)");
            }
            double[][] raw = concepts != null ? Npy.readMatrix(concepts)
                    : ConceptEmbeddingCache.embeddings(encoder, vocabulary, new StderrProgress("encoding concepts"));
            ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw,
                    concepts != null ? concepts.toString() : encoder.modelId() + " concept embeddings");
            EmbeddingMean m = mean(mean, encoder != null, raw);
            double[][] x;
            if (embeddings != null) {
                x = Npy.readMatrix(embeddings);
                if (x.length == 0) {
                    throw new SpliceInputException(embeddings + ": no embeddings (0 rows)");
                }
            } else if (textFile != null) {
                x = encoder.encodeTexts(TextFiles.nonBlankLines(textFile, "--text-file"), new StderrProgress("encoding texts"));
            } else {
                throw new SpliceInputException("--embeddings or --text-file: give the data to decompose");
            }
            Decomposer decomposer = new Decomposer(dictionary, m, chosen, solverOptions.build());
            List<Decomposition> ds = decomposer.decompose(x, new StderrProgress("decompose"));
            return new Loaded(decomposer, x, ds, encoder);
        } catch (RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            throw e;
        }
    }
}
