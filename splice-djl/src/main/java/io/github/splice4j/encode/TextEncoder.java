package io.github.splice4j.encode;

import io.github.splice4j.ProgressListener;

import java.util.List;

/** Encodes texts into fixed-size embeddings. Implementations hold native resources: close them. */
public interface TextEncoder extends AutoCloseable {

    /**
     * @param texts the texts
     * @param progress told how many texts are done after each batch
     * @return one embedding per text, each of {@link #dimension()} values
     */
    double[][] encodeTexts(List<String> texts, ProgressListener progress);

    /** @return the embedding dimension */
    int dimension();

    /** @return what identifies the model's weights, e.g. the SHA-256 of its files (for caches) */
    String modelId();

    @Override
    void close();
}
