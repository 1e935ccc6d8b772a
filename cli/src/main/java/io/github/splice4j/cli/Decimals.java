package io.github.splice4j.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers written into data files (CSV reports) with a fixed number of decimals, the same text in every locale.
 *
 * <p>{@code String.format("%.6f", x)} writes the default locale's decimal separator and digits ({@code 0,500000} in
 * German, Eastern Arabic digits in Egyptian Arabic), which breaks a comma-separated column, and it builds a
 * {@code Formatter} per call. {@link #fixed} gives the text of {@code String.format(Locale.ROOT, "%.6f", x)}: the
 * shortest decimal that reads back as {@code x} ({@link Double#toString}), rounded half up, as the formatter rounds
 * (DecimalsTest checks it against the formatter on 400,000 values and the edge cases).
 */
final class Decimals {
    private Decimals() {
    }

    /**
     * @param value a number
     * @param decimals how many digits after the point
     * @return {@code String.format(Locale.ROOT, "%." + decimals + "f", value)}
     */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String text = new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        // a negative number that rounds to zero keeps its sign, as does -0.0, in the formatter's text
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && text.charAt(0) != '-' ? "-" + text : text;
    }
}
