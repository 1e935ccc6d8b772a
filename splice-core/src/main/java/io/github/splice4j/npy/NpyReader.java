package io.github.splice4j.npy;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the rows of a one- or two-dimensional float16/float32/float64 {@code .npy} file as {@code double}
 * arrays, a block at a time, so that inputs larger than memory can be streamed. A one-dimensional
 * file reads as a single row. C-order files are streamed; Fortran-order files are loaded whole and
 * transposed. Every value is checked to be finite; a NaN or infinity is an error that names the file,
 * row and column.
 */
public final class NpyReader implements AutoCloseable {
    private final String source;
    private final NpyHeader header;
    private final int rows;
    private final int cols;
    private final InputStream in;
    private final double[][] fortranRows;
    private final byte[] rowBytes;
    private final long firstRow;
    private int next;

    private NpyReader(InputStream dataAtFirstRow, NpyHeader header, long firstRow, int count, String source) {
        this.source = source;
        this.header = header;
        this.in = dataAtFirstRow;
        this.firstRow = firstRow;
        this.rows = count;
        long[] shape = header.shape();
        this.cols = checkedInt(shape.length == 1 ? shape[0] : shape[1]);
        this.rowBytes = new byte[Math.multiplyExact(cols, header.dtype().bytes())];
        this.fortranRows = null;
    }

    /**
     * A reader of a range of rows of a C-order file whose header was read elsewhere (a shard split across
     * workers that each seek to their first row). Row numbers in messages are the file's.
     * @param dataAtFirstRow a stream positioned at row {@code firstRow}; closed by {@link #close()}
     * @param header the file's header
     * @param firstRow the first row of the range
     * @param count the number of rows of the range
     * @param source the file's name, for messages
     * @return a reader of {@code count} rows
     * @throws SpliceInputException for a Fortran-order file, whose rows are not contiguous
     */
    public static NpyReader openRange(InputStream dataAtFirstRow, NpyHeader header, long firstRow, int count,
                                      String source) {
        if (header.fortranOrder() && header.shape().length == 2) {
            throw new SpliceInputException(source + ": a Fortran-order .npy file cannot be read by row ranges");
        }
        return new NpyReader(dataAtFirstRow, header, firstRow, count, source);
    }

    private NpyReader(InputStream stream, String source, long size) throws IOException {
        this.source = source;
        this.firstRow = 0;
        try {
            this.header = NpyHeader.read(stream, source);
            long[] shape = header.shape();
            if (shape.length == 1) {
                rows = 1;
                cols = checkedInt(shape[0]);
            } else if (shape.length == 2) {
                rows = checkedInt(shape[0]);
                cols = checkedInt(shape[1]);
            } else {
                throw new SpliceInputException(source + ": expected a 1-D or 2-D array, found shape "
                        + java.util.Arrays.toString(shape));
            }
            if (size >= 0 && size < header.expectedFileSize()) {
                throw new SpliceInputException(source + ": truncated .npy file: header says " + header
                        + " (" + header.expectedFileSize() + " bytes), the file has " + size + " bytes");
            }
            this.rowBytes = new byte[Math.multiplyExact(cols, header.dtype().bytes())];
            this.in = stream;
            this.fortranRows = header.fortranOrder() && shape.length == 2 ? readFortran() : null;
        } catch (RuntimeException | IOException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Opens a {@code .npy} file and validates its header and size.
     * @param path the file
     * @return a reader positioned at the first row
     * @throws SpliceInputException if the file is missing, not a supported .npy file, or truncated
     */
    public static NpyReader open(Path path) {
        String source = path.toString();
        InputFiles.requireReadable(path, "a .npy file");
        try {
            long size = Files.size(path);
            return new NpyReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16), source, size);
        } catch (IOException e) {
            throw new SpliceInputException(InputFiles.describe(path, e), e);
        }
    }

    /**
     * Reads a {@code .npy} stream (a resource, say); truncation is found when the data runs out.
     * @param stream the stream, positioned at the start of the file; closed by {@link #close()}
     * @param source its name, for messages
     * @return a reader positioned at the first row
     */
    public static NpyReader open(InputStream stream, String source) {
        try {
            return new NpyReader(new BufferedInputStream(stream, 1 << 16), source, -1);
        } catch (IOException e) {
            throw new SpliceInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private int checkedInt(long v) {
        if (v > Integer.MAX_VALUE - 8) {
            throw new SpliceInputException(source + ": dimension " + v + " is too large");
        }
        return (int) v;
    }

    private double[][] readFortran() throws IOException {
        double[][] out = new double[rows][cols];
        byte[] col = new byte[Math.multiplyExact(rows, header.dtype().bytes())];
        double[] values = new double[rows];
        for (int j = 0; j < cols; j++) {
            readFully(col);
            decode(col, values, rows);
            for (int i = 0; i < rows; i++) {
                checkFinite(values[i], i, j);
                out[i][j] = values[i];
            }
        }
        return out;
    }

    /** @return the file's header */
    public NpyHeader header() {
        return header;
    }

    /** @return the number of rows (1 for a one-dimensional file) */
    public int rows() {
        return rows;
    }

    /** @return the number of columns (the length of a one-dimensional file) */
    public int cols() {
        return cols;
    }

    /** @return the number of rows not read yet */
    public int remaining() {
        return rows - next;
    }

    /** @return the file name, for messages */
    public String source() {
        return source;
    }

    /**
     * Reads up to {@code max} rows.
     * @param max the most rows to read
     * @return the rows read, {@code min(max, remaining())} of them, each of length {@link #cols()}
     */
    public double[][] readRows(int max) {
        int count = Math.min(max, remaining());
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = readRow();
        }
        return out;
    }

    /**
     * Reads every remaining row.
     * @return the rows
     */
    public double[][] readAll() {
        return readRows(remaining());
    }

    private double[] readRow() {
        int index = next++;
        long row = firstRow + index;
        if (fortranRows != null) {
            return fortranRows[index];
        }
        double[] out = new double[cols];
        try {
            readFully(rowBytes);
        } catch (IOException e) {
            throw new SpliceInputException(source + ": cannot read row " + row + ": " + e.getMessage(), e);
        }
        decode(rowBytes, out, cols);
        for (int j = 0; j < cols; j++) {
            checkFinite(out[j], row, j);
        }
        return out;
    }

    private void readFully(byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new SpliceInputException(source + ": truncated .npy file (unexpected end of data)");
            }
            off += n;
        }
    }

    private void decode(byte[] bytes, double[] dst, int count) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(header.order());
        if (header.dtype() == NpyDType.FLOAT32) {
            for (int i = 0; i < count; i++) {
                dst[i] = buf.getFloat(4 * i);
            }
        } else if (header.dtype() == NpyDType.FLOAT16) {
            for (int i = 0; i < count; i++) {
                dst[i] = Float16.toFloat(buf.getShort(2 * i));
            }
        } else {
            for (int i = 0; i < count; i++) {
                dst[i] = buf.getDouble(8 * i);
            }
        }
    }

    private void checkFinite(double v, long row, int col) {
        if (!Double.isFinite(v)) {
            throw new SpliceInputException(source + ": non-finite value " + v + " at row " + row
                    + ", column " + col);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new SpliceInputException(source + ": cannot close: " + e.getMessage(), e);
        }
    }
}
