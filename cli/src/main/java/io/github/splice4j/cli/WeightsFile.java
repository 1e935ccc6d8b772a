package io.github.splice4j.cli;

import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyWriter;
import io.github.splice4j.npy.NpzCsrWriter;
import io.github.splice4j.solver.LassoResult;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The weights output of {@code solve} and {@code decompose}, by the name the user gave: {@code .npz} is a SciPy
 * CSR matrix (memory and disk follow the non-zero weights), anything else a dense float32 {@code .npy}.
 */
final class WeightsFile implements AutoCloseable {
    private final NpyWriter dense;
    private final NpzCsrWriter sparse;
    private final int concepts;

    private WeightsFile(NpyWriter dense, NpzCsrWriter sparse, int concepts) {
        this.dense = dense;
        this.sparse = sparse;
        this.concepts = concepts;
    }

    /**
     * @param userName the name the user gave (decides the format)
     * @param staged where to write it
     * @param rows the number of rows
     * @param concepts the number of concepts
     * @return the writer
     */
    static WeightsFile open(Path userName, Path staged, int rows, int concepts) {
        if (userName.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            return new WeightsFile(null, NpzCsrWriter.create(staged, rows, concepts), concepts);
        }
        return new WeightsFile(NpyWriter.create(staged, NpyDType.FLOAT32, rows, concepts), null, concepts);
    }

    void write(LassoResult r) {
        if (sparse != null) {
            sparse.writeRow(r.indices(), r.weights());
        } else {
            dense.writeRow(r.toDense(concepts));
        }
    }

    void commit() {
        if (sparse != null) {
            sparse.commit();
        } else {
            dense.commit();
        }
    }

    @Override
    public void close() {
        if (sparse != null) {
            sparse.close();
        } else {
            dense.close();
        }
    }
}
