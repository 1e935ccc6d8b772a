package io.github.splice4j.npy;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.OutputFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a two-dimensional C-order {@code .npy} file (little-endian unless asked otherwise) row by row,
 * atomically: rows go
 * to a temporary file beside the target, which {@link #commit()} moves into place once every row is
 * written. Closing without committing deletes the temporary file, so that a failed run leaves no
 * half-written output.
 */
public final class NpyWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final NpyDType dtype;
    private final int rows;
    private final int cols;
    private final OutputStream out;
    private final ByteBuffer rowBuffer;
    private int written;
    private boolean committed;

    /**
     * Starts writing a file of the given shape and type.
     * @param target the final path
     * @param dtype float16, float32 or float64
     * @param rows the number of rows that will be written
     * @param cols the number of columns of every row
     * @return the writer
     */
    public static NpyWriter create(Path target, NpyDType dtype, int rows, int cols) {
        return create(target, dtype, ByteOrder.LITTLE_ENDIAN, rows, cols);
    }

    /**
     * Starts writing a file of the given shape, type and byte order.
     * @param target the final path
     * @param dtype float16, float32 or float64
     * @param order little-endian (NumPy's usual) or big-endian
     * @param rows the number of rows that will be written
     * @param cols the number of columns of every row
     * @return the writer
     */
    public static NpyWriter create(Path target, NpyDType dtype, ByteOrder order, int rows, int cols) {
        try {
            return new NpyWriter(target, dtype, order, rows, cols);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(target, e);
        }
    }

    private NpyWriter(Path target, NpyDType dtype, ByteOrder order, int rows, int cols) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new SpliceInputException(target + ": output directory " + dir + " does not exist");
        }
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.temp = OutputFiles.createTemp(dir, "." + this.target.getFileName() + ".");
        this.out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        this.rowBuffer = ByteBuffer.allocate(cols * dtype.bytes()).order(order);
        out.write(NpyHeader.format(dtype, order, new long[] {rows, cols}));
    }

    /**
     * Appends one row.
     * @param row the values, of length {@code cols}
     */
    public void writeRow(double[] row) {
        if (row.length != cols) {
            throw new IllegalArgumentException("row of length " + row.length + ", expected " + cols);
        }
        if (written >= rows) {
            throw new IllegalStateException(target + ": all " + rows + " rows already written");
        }
        rowBuffer.clear();
        if (dtype == NpyDType.FLOAT32) {
            for (double v : row) {
                rowBuffer.putFloat((float) v);
            }
        } else if (dtype == NpyDType.FLOAT16) {
            for (double v : row) {
                rowBuffer.putShort(Float16.fromFloat((float) v));
            }
        } else {
            for (double v : row) {
                rowBuffer.putDouble(v);
            }
        }
        try {
            out.write(rowBuffer.array(), 0, rowBuffer.position());
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(target, e);
        }
        written++;
    }

    /** Moves the finished file into place; every row must have been written. */
    public void commit() {
        if (written != rows) {
            throw new IllegalStateException(target + ": " + written + " of " + rows + " rows written");
        }
        try {
            out.close();
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(target, e);
        }
        OutputFiles.publish(temp, target);
        committed = true;
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (!committed) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted below anyway
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more can be done
            }
        }
    }
}
