package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;

/** Range checks of numeric arguments, naming the parameter. Internal: not part of Splice4J's API. */
public final class Arguments {
    private Arguments() {
    }

    /**
     * @param parameter the parameter's name
     * @param value its value
     * @param min the smallest allowed value
     * @return the value
     * @throws SpliceInputException (for {@code parameter}) when the value is below {@code min}
     */
    public static int atLeast(String parameter, int value, int min) {
        return (int) atLeast(parameter, (long) value, min);
    }

    /**
     * @param parameter the parameter's name
     * @param value its value
     * @param min the smallest allowed value
     * @return the value
     * @throws SpliceInputException (for {@code parameter}) when the value is below {@code min}
     */
    public static long atLeast(String parameter, long value, long min) {
        if (value < min) {
            throw SpliceInputException.forParameter(parameter, "must be ≥ " + min + ", got " + value);
        }
        return value;
    }

    /**
     * @param parameter the parameter's name
     * @param value its value
     * @return the value
     * @throws SpliceInputException (for {@code parameter}) unless {@code 0 < value < 1}
     */
    public static double openUnitInterval(String parameter, double value) {
        if (!(value > 0 && value < 1)) {
            throw SpliceInputException.forParameter(parameter, "must be in (0, 1), got " + value);
        }
        return value;
    }
}
