package io.github.splice4j;

/**
 * Receives progress from long-running work (solving, decomposing, encoding). Called from the
 * thread that drives the work, after each batch.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Reports progress.
     * @param done items finished so far
     * @param total items in all (or -1 when unknown)
     */
    void progress(long done, long total);
}
