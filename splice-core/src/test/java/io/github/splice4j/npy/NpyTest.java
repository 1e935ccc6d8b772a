package io.github.splice4j.npy;

import io.github.splice4j.SpliceInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {
    @TempDir
    Path dir;

    private static final double[][] M = {{1.5, -2.25, 3}, {4, 5.125, -6}};

    @Test
    void roundTripsFloat32AndFloat64() {
        for (NpyDType t : NpyDType.values()) {
            Path p = dir.resolve("m_" + t + ".npy");
            Npy.write(p, M, t);
            double[][] back = Npy.readMatrix(p);
            assertEquals(2, back.length);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(M[i], back[i], 0.0);
            }
        }
    }

    @Test
    void writesBigEndianToo() {
        Path p = dir.resolve("be.npy");
        try (NpyWriter w = NpyWriter.create(p, NpyDType.FLOAT64, ByteOrder.BIG_ENDIAN, 2, 3)) {
            w.writeRow(M[0]);
            w.writeRow(M[1]);
            w.commit();
        }
        try (NpyReader r = NpyReader.open(p)) {
            assertEquals(ByteOrder.BIG_ENDIAN, r.header().order());
            assertArrayEquals(M[1], r.readAll()[1], 0.0);
        }
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAsNumpyWrites() throws IOException {
        Path p = dir.resolve("h.npy");
        Npy.write(p, M, NpyDType.FLOAT32);
        byte[] bytes = Files.readAllBytes(p);
        assertEquals(0, (bytes.length - 2 * 3 * 4) % 64);
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
    }

    /** A file written the way numpy writes big-endian and Fortran-order arrays. */
    private Path handWritten(String descr, boolean fortran, ByteOrder order, boolean f8) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (2, 3), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(6 * (f8 ? 8 : 4)).order(order);
        if (fortran) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    put(b, M[i][j], f8);
                }
            }
        } else {
            for (double[] row : M) {
                for (double v : row) {
                    put(b, v, f8);
                }
            }
        }
        out.write(b.array());
        Path p = dir.resolve(descr.replace('<', 'l').replace('>', 'b') + fortran + ".npy");
        Files.write(p, out.toByteArray());
        return p;
    }

    private static void put(ByteBuffer b, double v, boolean f8) {
        if (f8) {
            b.putDouble(v);
        } else {
            b.putFloat((float) v);
        }
    }

    @Test
    void readsBigEndianAndFortranOrder() throws IOException {
        for (boolean fortran : new boolean[] {false, true}) {
            for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8"}) {
                ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                double[][] back = Npy.readMatrix(handWritten(descr, fortran, order, descr.endsWith("8")));
                for (int i = 0; i < 2; i++) {
                    assertArrayEquals(M[i], back[i], 0.0, descr + " fortran=" + fortran);
                }
            }
        }
    }

    @Test
    void truncatedFileIsAnErrorNamingTheFile() throws IOException {
        Path p = dir.resolve("t.npy");
        Npy.write(p, M, NpyDType.FLOAT32);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(bytes, bytes.length - 3));
        SpliceInputException e = assertThrows(SpliceInputException.class, () -> Npy.readMatrix(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void emptyMissingAndForeignFilesAreErrors() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.npy"));
        assertTrue(assertThrows(SpliceInputException.class, () -> Npy.readMatrix(empty)).getMessage().contains("empty"));
        Path missing = dir.resolve("missing.npy");
        assertTrue(assertThrows(SpliceInputException.class, () -> Npy.readMatrix(missing)).getMessage()
                .contains("no such file"));
        Path text = Files.writeString(dir.resolve("text.npy"), "hello, world, not numpy");
        assertTrue(assertThrows(SpliceInputException.class, () -> Npy.readMatrix(text)).getMessage()
                .contains("not a .npy file"));
        Path ints = handWritten("<i4", false, ByteOrder.LITTLE_ENDIAN, false);
        assertTrue(assertThrows(SpliceInputException.class, () -> Npy.readMatrix(ints)).getMessage()
                .contains("unsupported .npy dtype '<i4'"));
    }

    @Test
    void nonFiniteValuesAreErrorsWithRowAndColumn() {
        Path p = dir.resolve("nan.npy");
        Npy.write(p, new double[][] {{1, 2}, {3, Double.NaN}}, NpyDType.FLOAT32);
        SpliceInputException e = assertThrows(SpliceInputException.class, () -> Npy.readMatrix(p));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        Path inf = dir.resolve("inf.npy");
        Npy.write(inf, new double[][] {{Double.POSITIVE_INFINITY}}, NpyDType.FLOAT64);
        assertThrows(SpliceInputException.class, () -> Npy.readMatrix(inf));
    }

    @Test
    void readsOneDimensionalVectorsAndStreamsRows() {
        Path p = dir.resolve("rows.npy");
        double[][] rows = new double[10][4];
        for (int i = 0; i < 10; i++) {
            Arrays.fill(rows[i], i);
        }
        Npy.write(p, rows, NpyDType.FLOAT64);
        try (NpyReader r = NpyReader.open(p)) {
            assertEquals(3, r.readRows(3).length);
            assertEquals(7, r.remaining());
            double[][] rest = r.readRows(100);
            assertEquals(7, rest.length);
            assertEquals(3.0, rest[0][0]);
            assertEquals(0, r.remaining());
        }
    }

    @Test
    void unfinishedWriterLeavesNoFileBehind() throws IOException {
        Path p = dir.resolve("partial.npy");
        try (NpyWriter w = NpyWriter.create(p, NpyDType.FLOAT32, 3, 2)) {
            w.writeRow(new double[] {1, 2});
            // no commit: the run failed
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertThrows(SpliceInputException.class,
                () -> NpyWriter.create(dir.resolve("no/such/dir/x.npy"), NpyDType.FLOAT32, 1, 1));
    }
}
