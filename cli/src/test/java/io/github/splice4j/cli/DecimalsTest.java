package io.github.splice4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DecimalsTest {
    private static String formatter(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }

    @Test
    void fixedWritesWhatTheFormatterWritesInTheRootLocale() {
        double[] edges = {0.0, -0.0, 5e-7, -5e-7, 4.9999999e-7, 1.0000005, 0.9999995, 0.1234565, 2.5e-6, -1e-9, 1e-7,
            123456789.1234565, 1e22, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double x : edges) {
            assertEquals(formatter(x), Decimals.fixed(x, 6), "value " + x);
        }
        SplittableRandom random = new SplittableRandom(20261203);
        for (int i = 0; i < 400_000; i++) {
            double x = switch (i % 5) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * 2e3;
                case 2 -> Math.scalb(random.nextDouble(), -random.nextInt(40));
                // numbers whose seventh decimal is a 5 once written: the rounding matters
                case 3 -> Math.round(random.nextDouble() * 1e6) / 1e6 + 5e-7;
                default -> -random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
            };
            assertEquals(formatter(x), Decimals.fixed(x, 6), "value " + x);
        }
    }

    @Test
    void theFormatterRoundsTheShortestDecimalNotTheExactBinaryValue() {
        // 5e-7 is stored as 4.99999999999999977e-7: rounding that exact value would give 0.000000
        assertEquals("0.000001", Decimals.fixed(5e-7, 6));
        assertNotEquals(formatter(5e-7), new BigDecimal(5e-7).setScale(6, RoundingMode.HALF_UP).toPlainString());
    }

    @Test
    void decomposeWritesTheSameCsvInAGermanLocale(@TempDir Path dir) {
        CliRunner.Run gen = CliRunner.run("generate", "--concepts", "300", "--n", "6", "--out", dir.toString());
        assertEquals(0, gen.rc(), gen.err());
        String[] args = {"decompose", "--concepts", dir.resolve("concepts.npy").toString(), "--vocab-size", "300",
            "--embeddings", dir.resolve("images.npy").toString()};
        CliRunner.Run root = CliRunner.run(args);
        Locale before = Locale.getDefault();
        CliRunner.Run german;
        try {
            Locale.setDefault(Locale.GERMANY);
            german = CliRunner.run(args);
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(0, german.rc(), german.err());
        assertEquals(root.out(), german.out());
        String[] rows = german.out().strip().split("\n");
        assertEquals(7, rows.length);
        // row, l0, cosine, λ, objective, gap, then the quoted concepts: a decimal comma would add columns
        assertEquals(7, rows[1].split(",").length, rows[1]);
    }
}
