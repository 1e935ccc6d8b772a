package io.github.splice4j.npy;

import io.github.splice4j.SpliceInputException;

import java.nio.file.Path;

/** Whole-file helpers over {@link NpyReader} and {@link NpyWriter}. */
public final class Npy {
    private Npy() {
    }

    /**
     * Reads a two-dimensional array (a one-dimensional file reads as one row).
     * @param path the file
     * @return its rows
     */
    public static double[][] readMatrix(Path path) {
        try (NpyReader reader = NpyReader.open(path)) {
            return reader.readAll();
        }
    }

    /**
     * Reads a vector: a one-dimensional file, or a two-dimensional one with a single row or column.
     * @param path the file
     * @return the values
     */
    public static double[] readVector(Path path) {
        return readVector(NpyReader.open(path));
    }

    /**
     * Reads a vector from an open reader, which is closed afterwards.
     * @param opened the reader
     * @return the values
     */
    public static double[] readVector(NpyReader opened) {
        try (NpyReader reader = opened) {
            double[][] rows = reader.readAll();
            if (rows.length == 1) {
                return rows[0];
            }
            if (reader.cols() == 1) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = rows[i][0];
                }
                return v;
            }
            throw new SpliceInputException(reader.source() + ": expected a vector, found shape ("
                    + reader.rows() + ", " + reader.cols() + ")");
        }
    }

    /**
     * Writes a matrix atomically.
     * @param path the target file
     * @param rows the rows, all of one length
     * @param dtype float16, float32 or float64
     */
    public static void write(Path path, double[][] rows, NpyDType dtype) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        try (NpyWriter writer = NpyWriter.create(path, dtype, rows.length, cols)) {
            for (double[] row : rows) {
                writer.writeRow(row);
            }
            writer.commit();
        }
    }
}
