package io.github.splice4j;

/**
 * Bad input given to Splice4J: a missing, empty, truncated or malformed file, a wrong shape, a
 * non-finite value, an unknown name or an out-of-range argument. The message always names the file
 * or the argument at fault, so that a command-line user can act on it.
 */
public final class SpliceInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the offending file or argument.
     * @param message what is wrong and where
     */
    public SpliceInputException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause (usually an I/O error).
     * @param message what is wrong and where
     * @param cause the underlying error
     */
    public SpliceInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
