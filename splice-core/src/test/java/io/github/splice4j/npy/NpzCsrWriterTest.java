package io.github.splice4j.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code .npz} CSR layout that {@code scipy.sparse.load_npz} reads (checked by hand with Debian's
 * python3-scipy 1.10.1: the matrix equals the dense {@code .npy} of the same solve), read back here entry by entry.
 */
class NpzCsrWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesScipysCsrArrays() throws IOException {
        Random rng = new Random(2);
        int rows = 50;
        int cols = 300;
        double[][] dense = new double[rows][cols];
        Path file = dir.resolve("w.npz");
        try (NpzCsrWriter w = NpzCsrWriter.create(file, rows, cols)) {
            for (int i = 0; i < rows; i++) {
                int k = i % 7 == 0 ? 0 : 1 + rng.nextInt(9);
                java.util.TreeSet<Integer> c = new java.util.TreeSet<>();
                while (c.size() < k) {
                    c.add(rng.nextInt(cols));
                }
                int[] idx = c.stream().mapToInt(Integer::intValue).toArray();
                double[] val = new double[k];
                for (int p = 0; p < k; p++) {
                    val[p] = (float) (0.01 + rng.nextDouble());
                    dense[i][idx[p]] = val[p];
                }
                w.writeRow(idx, val);
            }
            w.commit();
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertEquals(java.util.Set.of("data.npy", "indices.npy", "indptr.npy", "shape.npy", "format.npy"), entries.keySet());
        assertTrue(header(entries.get("format.npy")).startsWith("{'descr': '<U3', 'fortran_order': False, 'shape': (), }"));
        ByteBuffer format = body(entries.get("format.npy"));
        byte[] chars = new byte[format.remaining()];
        format.get(chars);
        assertEquals("csr", new String(chars, java.nio.charset.Charset.forName("UTF-32LE")));
        assertTrue(header(entries.get("indices.npy")).startsWith("{'descr': '<i4'"));
        assertTrue(header(entries.get("indptr.npy")).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (51,), }"));
        ByteBuffer shape = body(entries.get("shape.npy"));
        assertEquals(rows, shape.getLong());
        assertEquals(cols, shape.getLong());
        ByteBuffer indptr = body(entries.get("indptr.npy"));
        ByteBuffer indices = body(entries.get("indices.npy"));
        ByteBuffer data = body(entries.get("data.npy"));
        long start = indptr.getLong();
        for (int i = 0; i < rows; i++) {
            long end = indptr.getLong();
            double[] row = new double[cols];
            for (long p = start; p < end; p++) {
                row[indices.getInt()] = data.getFloat();
            }
            for (int j = 0; j < cols; j++) {
                assertEquals(dense[i][j], row[j], 0.0);
            }
            start = end;
        }
        try (var list = Files.list(dir)) {
            assertEquals(1, list.count(), "no temporaries left");
        }
    }

    /**
     * Every entry is stamped 1980-01-01 00:00:02 (a date with no time zone to look up), so the same rows make the same
     * bytes whenever they are written.
     */
    @Test
    void sameRowsSameBytes() throws IOException, InterruptedException {
        Path first = dir.resolve("a.npz");
        Path second = dir.resolve("b.npz");
        writeThreeRows(first);
        Thread.sleep(2100); // past the two-second step of a zip entry's time
        writeThreeRows(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(first))) {
            int count = 0;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; count++) {
                assertEquals(java.time.LocalDateTime.of(1980, 1, 1, 0, 0, 2), e.getTimeLocal(), e.getName());
            }
            assertEquals(5, count);
        }
    }

    private static void writeThreeRows(Path file) throws IOException {
        try (NpzCsrWriter w = NpzCsrWriter.create(file, 3, 10)) {
            w.writeRow(new int[] {1, 4}, new double[] {0.5, 0.25});
            w.writeRow(new int[0], new double[0]);
            w.writeRow(new int[] {9}, new double[] {2});
            w.commit();
        }
    }

    private static String header(byte[] npy) {
        int len = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        assertEquals(0, (10 + len) % 64);
        return new String(npy, 10, len, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer body(byte[] npy) {
        int len = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        return ByteBuffer.wrap(npy, 10 + len, npy.length - 10 - len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
