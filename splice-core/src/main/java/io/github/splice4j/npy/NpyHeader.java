package io.github.splice4j.npy;

import io.github.splice4j.SpliceInputException;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed header of a {@code .npy} file: element type, byte order, memory order, shape, and the
 * offset of the data.
 *
 * @param dtype element type
 * @param order byte order of the data
 * @param fortranOrder whether the data is stored column-major
 * @param shape the array shape (an empty array for a scalar)
 * @param dataOffset the byte offset of the first element
 */
public record NpyHeader(NpyDType dtype, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** @return the number of elements, the product of the shape */
    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** @return the expected size of the file in bytes */
    public long expectedFileSize() {
        return dataOffset + elementCount() * dtype.bytes();
    }

    @Override
    public String toString() {
        return dtype.descr(order) + (fortranOrder ? " fortran" : "") + " " + Arrays.toString(shape);
    }

    /**
     * Reads and validates a header from the start of a stream.
     * @param in the stream, positioned at the start of the file
     * @param source the file name, for error messages
     * @return the header
     * @throws IOException if the stream cannot be read
     * @throws SpliceInputException if the header is not a supported {@code .npy} header
     */
    public static NpyHeader read(InputStream in, String source) throws IOException {
        DataInputStream din = new DataInputStream(in);
        byte[] magic = new byte[6];
        try {
            din.readFully(magic);
        } catch (EOFException e) {
            throw new SpliceInputException(source + ": empty or truncated .npy file (no header)");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new SpliceInputException(source + ": not a .npy file (bad magic string)");
        }
        int major;
        long headerLength;
        long prefix;
        try {
            major = din.readUnsignedByte();
            din.readUnsignedByte();
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(din.readShort()));
                prefix = 10;
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(din.readInt()));
                prefix = 12;
            } else {
                throw new SpliceInputException(source + ": unsupported .npy format version " + major);
            }
        } catch (EOFException e) {
            throw new SpliceInputException(source + ": truncated .npy header");
        }
        if (headerLength > 1 << 20) {
            throw new SpliceInputException(source + ": .npy header too long (" + headerLength + " bytes)");
        }
        byte[] header = new byte[(int) headerLength];
        try {
            din.readFully(header);
        } catch (EOFException e) {
            throw new SpliceInputException(source + ": truncated .npy header");
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(text, source, prefix + headerLength);
    }

    private static NpyHeader parse(String text, String source, long dataOffset) {
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new SpliceInputException(source + ": malformed .npy header: " + text.strip());
        }
        String d = descr.group(1);
        NpyDType dtype;
        ByteOrder order;
        switch (d) {
            case "<f2", "=f2" -> { dtype = NpyDType.FLOAT16; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f2" -> { dtype = NpyDType.FLOAT16; order = ByteOrder.BIG_ENDIAN; }
            case "<f4", "=f4" -> { dtype = NpyDType.FLOAT32; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f4" -> { dtype = NpyDType.FLOAT32; order = ByteOrder.BIG_ENDIAN; }
            case "<f8", "=f8" -> { dtype = NpyDType.FLOAT64; order = ByteOrder.LITTLE_ENDIAN; }
            case ">f8" -> { dtype = NpyDType.FLOAT64; order = ByteOrder.BIG_ENDIAN; }
            default -> throw new SpliceInputException(source + ": unsupported .npy dtype '" + d
                    + "' (float16 '<f2'/'>f2', float32 '<f4'/'>f4' or float64 '<f8'/'>f8' expected)");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new SpliceInputException(source + ": malformed .npy shape (" + shape.group(1) + ")");
            }
        }
        long[] s = dims.stream().mapToLong(Long::longValue).toArray();
        NpyHeader header = new NpyHeader(dtype, order, fortran.group(1).equals("True"), s, dataOffset);
        try {
            Math.addExact(dataOffset, Math.multiplyExact(header.elementCount(), dtype.bytes()));
        } catch (ArithmeticException e) {
            throw new SpliceInputException(source + ": impossible .npy shape (" + shape.group(1).strip()
                    + "): its size overflows");
        }
        return header;
    }

    /**
     * Formats a version 1.0 header (padded to a multiple of 64 bytes) for C-order data.
     * @param dtype element type
     * @param order byte order
     * @param shape shape
     * @return the whole header, magic string included
     */
    static byte[] format(NpyDType dtype, ByteOrder order, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.descr(order))
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sb.append(shape.length == 1 ? "," : ", ");
            }
        }
        sb.append("), }");
        int unpadded = 10 + sb.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        sb.append(" ".repeat(padded - unpadded)).append('\n');
        byte[] body = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + body.length];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (body.length & 0xff);
        out[9] = (byte) ((body.length >> 8) & 0xff);
        System.arraycopy(body, 0, out, 10, body.length);
        return out;
    }
}
