package io.github.splice4j.cli;

import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.encode.ConceptEmbeddingCache;
import io.github.splice4j.encode.TextEncoder;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code splice dictionary}: encode a vocabulary's concepts (cached) and write the raw embeddings. */
@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = {"Encode every concept of a vocabulary with a text encoder, in batches with progress, and write the",
                "raw concept embeddings (the --concepts of 'splice decompose'). Results are cached per model file hash",
                "and vocabulary hash, and reused."})
final class DictionaryCommand implements Runnable {
    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    VocabularyOptions vocabularyOptions;

    @Option(names = "--out", required = true, description = "Output .npy (concepts × dim, float32).")
    Path out;

    @Override
    public void run() {
        ConceptVocabulary vocabulary = vocabularyOptions.load();
        try (OutputTransaction tx = new OutputTransaction(); TextEncoder encoder = encoderOptions.openText()) {
            Path staged = tx.file(out, "--out");
            Path cached = ConceptEmbeddingCache.fileFor(encoder, vocabulary);
            boolean hit = java.nio.file.Files.isRegularFile(cached);
            double[][] raw = ConceptEmbeddingCache.embeddings(encoder, vocabulary, new StderrProgress("encoding concepts"));
            Npy.write(staged, raw, NpyDType.FLOAT32);
            tx.commit();
            System.err.println((hit ? "reused " : "cached ") + cached);
            System.out.println(Json.line(Json.object("concepts", raw.length, "dim", raw[0].length, "model",
                    encoder.modelId(), "vocabulary", vocabulary.source(), "vocabulary_sha256", vocabulary.sha256(),
                    "cache", cached.toString(), "cache_hit", hit, "out", out.toString())));
        }
    }
}
