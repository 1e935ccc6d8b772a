package io.github.splice4j;

/**
 * Bad input given to Splice4J: a missing, empty, truncated or malformed file, a wrong shape, a
 * non-finite value, an unknown name or an out-of-range argument. The message always names the file
 * or the parameter at fault. For a bad argument, {@link #parameter()} is the name of the parameter
 * (as in the Javadoc of the method or builder that took it, e.g. {@code lambda}) and {@link #reason()}
 * says what is wrong with it, so that a front end (the command line) can name its own option instead.
 */
public final class SpliceInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String reason;

    /**
     * Creates an exception with a message that names the offending file or argument.
     * @param message what is wrong and where
     */
    public SpliceInputException(String message) {
        this(null, message, null);
    }

    /**
     * Creates an exception with a message and the underlying cause (usually an I/O error).
     * @param message what is wrong and where
     * @param cause the underlying error
     */
    public SpliceInputException(String message, Throwable cause) {
        this(null, message, cause);
    }

    private SpliceInputException(String parameter, String reason, Throwable cause) {
        super(parameter == null ? reason : parameter + ": " + reason, cause);
        this.parameter = parameter;
        this.reason = reason;
    }

    /**
     * A bad argument.
     * @param parameter the parameter's name, e.g. {@code lambda}
     * @param reason what is wrong, e.g. {@code must be a positive finite number, got -1.0}
     * @return the exception, whose message is {@code parameter: reason}
     */
    public static SpliceInputException forParameter(String parameter, String reason) {
        return new SpliceInputException(parameter, reason, null);
    }

    /**
     * A bad argument, with its cause.
     * @param parameter the parameter's name
     * @param reason what is wrong
     * @param cause the underlying error
     * @return the exception
     */
    public static SpliceInputException forParameter(String parameter, String reason, Throwable cause) {
        return new SpliceInputException(parameter, reason, cause);
    }

    /** @return the name of the parameter at fault, or null when the fault is in a file or data */
    public String parameter() {
        return parameter;
    }

    /** @return what is wrong, without the parameter's name (the whole message when there is no parameter) */
    public String reason() {
        return reason;
    }
}
