package io.github.splice4j.encode;

import io.github.splice4j.ProgressListener;

import java.nio.file.Path;
import java.util.List;

/** Encodes images into fixed-size embeddings. Implementations hold native resources: close them. */
public interface ImageEncoder extends AutoCloseable {

    /**
     * @param images image files (JPEG, PNG, …)
     * @param progress told how many images are done after each batch
     * @return one embedding per image
     */
    double[][] encodeImages(List<Path> images, ProgressListener progress);

    /** @return the embedding dimension */
    int dimension();

    @Override
    void close();
}
