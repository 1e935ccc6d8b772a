package io.github.splice4j.probes;

import io.github.splice4j.SpliceInputException;

import java.util.Locale;

/** Where a labelled row belongs: train, val or test (Waterbirds' and CelebA's 0/1/2 are accepted too). */
public enum Split {
    /** Fit here. */
    TRAIN,
    /** Validation. */
    VAL,
    /** Score here. */
    TEST;

    /**
     * The split's name in reports and JSON keys, the same in every locale (in Turkish, {@code "TRAIN".toLowerCase()}
     * is {@code traın}), and one that {@link #parse} reads back.
     *
     * @return {@code train}, {@code val} or {@code test}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code train}/{@code val}/{@code valid}/{@code validation}/{@code test} or {@code 0}/{@code 1}/{@code 2}
     * @param where the file and line, for the error message
     * @return the split
     */
    public static Split parse(String value, String where) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "train", "0" -> TRAIN;
            case "val", "valid", "validation", "1" -> VAL;
            case "test", "2" -> TEST;
            default -> throw new SpliceInputException(where + ": unknown split '" + value
                    + "' (train/val/test or 0/1/2)");
        };
    }
}
