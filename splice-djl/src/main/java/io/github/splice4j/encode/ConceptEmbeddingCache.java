package io.github.splice4j.encode;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raw concept embeddings of a vocabulary, encoded once per model and vocabulary and cached under
 * {@code <cache>/concepts/}. The key is the model's id (which carries the hash of its weights file)
 * and the SHA-256 of the vocabulary's names, so a renamed model file or a model name with '/' (the
 * reference's cache bug) cannot collide or break it.
 */
public final class ConceptEmbeddingCache {
    private ConceptEmbeddingCache() {
    }

    /**
     * @param encoder the text encoder
     * @param vocabulary the concepts
     * @return the cache file for that pair
     */
    public static Path fileFor(TextEncoder encoder, ConceptVocabulary vocabulary) {
        String model = encoder.modelId().replaceAll("[^A-Za-z0-9._-]", "_");
        return SpliceCache.directory().resolve("concepts")
                .resolve(model + "-" + vocabulary.sha256().substring(0, 16) + ".npy");
    }

    /**
     * The raw concept embeddings, from the cache when present, else encoded (in batches, with progress)
     * and cached.
     * @param encoder the text encoder
     * @param vocabulary the concepts
     * @param progress told how many concepts are encoded
     * @return one raw embedding per concept
     */
    public static double[][] embeddings(TextEncoder encoder, ConceptVocabulary vocabulary, ProgressListener progress) {
        Path file = fileFor(encoder, vocabulary);
        if (Files.isRegularFile(file)) {
            double[][] cached = Npy.readMatrix(file);
            if (cached.length == vocabulary.size() && cached[0].length == encoder.dimension()) {
                return cached;
            }
        }
        double[][] raw = encoder.encodeTexts(vocabulary.names(), progress);
        try {
            Files.createDirectories(file.getParent());
            Npy.write(file, raw, NpyDType.FLOAT32);
        } catch (java.io.IOException e) {
            // a cache that cannot be written only costs time
        }
        // return what a later run will read back, so that the first and later runs agree exactly
        return Files.isRegularFile(file) ? Npy.readMatrix(file) : raw;
    }
}
