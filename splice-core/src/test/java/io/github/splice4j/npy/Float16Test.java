package io.github.splice4j.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** float16 against its definition (all 65,536 halves) and against NumPy's files (scripts/make-float16-fixture.py). */
class Float16Test {
    static final Path DIR = Path.of("src", "test", "resources", "io", "github", "splice4j", "float16");

    @TempDir
    Path tmp;

    @Test
    void everyHalfDecodesToItsExactValueAndEncodesBack() {
        int checked = 0;
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >>> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float f = Float16.toFloat((short) bits);
            if (exponent == 0x1F) {
                assertTrue(mantissa == 0 ? Float.isInfinite(f) : Float.isNaN(f), Integer.toHexString(bits));
                continue;
            }
            double expected = exponent == 0 ? sign * mantissa * Math.pow(2, -24)
                    : sign * Math.pow(2, exponent - 15) * (1 + mantissa / 1024.0);
            assertEquals(expected, f, 0.0, Integer.toHexString(bits));
            assertEquals((int) (Double.doubleToRawLongBits(expected) >>> 63), Float.floatToRawIntBits(f) >>> 31,
                    "sign of " + Integer.toHexString(bits));
            assertEquals((short) bits, Float16.fromFloat(f), Integer.toHexString(bits));
            checked++;
        }
        assertEquals(63488, checked);
    }

    @Test
    void readsNumpysFloat16FilesInBothByteOrdersExactly() {
        double[][] expected = Npy.readMatrix(DIR.resolve("values_f8.npy"));
        assertEquals(20, expected.length);
        for (String name : new String[] {"values_f2.npy", "values_f2_be.npy"}) {
            double[][] got = Npy.readMatrix(DIR.resolve(name));
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], got[i], 0.0, name + " row " + i);
            }
        }
        assertEquals(65504.0, expected[0][4], 0.0);
        assertEquals(Math.pow(2, -24), expected[0][6], 0.0);
    }

    @Test
    void roundsAsNumpyDoesTiesToEvenAndOverflowToInfinity() throws IOException {
        double[] x = Npy.readMatrix(DIR.resolve("round_f4.npy"))[0];
        ByteBuffer expected = rawData(DIR.resolve("round_f2.npy"));
        int infinities = 0;
        for (int i = 0; i < x.length; i++) {
            short want = expected.getShort(2 * i);
            assertEquals(want, Float16.fromFloat((float) x[i]), "value " + x[i] + " (index " + i + ")");
            infinities += (want & 0x7FFF) == 0x7C00 ? 1 : 0;
        }
        assertEquals(4, infinities);
    }

    @Test
    void writesFloat16ThatReadsBack() {
        double[][] values = Npy.readMatrix(DIR.resolve("values_f8.npy"));
        Path p = tmp.resolve("w.npy");
        try (NpyWriter w = NpyWriter.create(p, NpyDType.FLOAT16, values.length, values[0].length)) {
            for (double[] row : values) {
                w.writeRow(row);
            }
            w.commit();
        }
        try (NpyReader r = NpyReader.open(p)) {
            assertEquals(NpyDType.FLOAT16, r.header().dtype());
        }
        double[][] back = Npy.readMatrix(p);
        for (int i = 0; i < values.length; i++) {
            assertArrayEquals(values[i], back[i], 0.0);
        }
    }

    private static ByteBuffer rawData(Path file) throws IOException {
        long offset;
        try (NpyReader r = NpyReader.open(file)) {
            offset = r.header().dataOffset();
        }
        byte[] all = Files.readAllBytes(file);
        return ByteBuffer.wrap(all, (int) offset, all.length - (int) offset).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
