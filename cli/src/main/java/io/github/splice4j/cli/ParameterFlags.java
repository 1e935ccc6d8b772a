package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The command line's names for the library's parameters. Library code reports a bad argument by its
 * parameter's name ({@code lambda: must be …}); the command line says which option it came from
 * ({@code --l1: must be …}). Where one library parameter is fed by different options, the command wraps the
 * call in {@link #as}.
 */
final class ParameterFlags {
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("lambda", "--l1"),
            Map.entry("grid", "--l1"),
            Map.entry("targetL0", "--l0"),
            Map.entry("tolerance", "--tolerance"),
            Map.entry("batchSize", "--batch"),
            Map.entry("threads", "--threads"),
            Map.entry("dataType", "--dtype"),
            Map.entry("targets", "--embeddings"),
            Map.entry("embeddings", "--embeddings"),
            Map.entry("mean", "--mean"),
            Map.entry("vocabulary", "--vocab"),
            Map.entry("size", "--vocab-size"),
            Map.entry("dimension", "--dim"),
            Map.entry("concepts", "--concepts"),
            Map.entry("conceptsPath", "--concepts"),
            Map.entry("images", "--n"),
            Map.entry("modelDirectory", "--model"),
            Map.entry("c", "--C"),
            Map.entry("labels", "--target"),
            Map.entry("target", "--target"),
            Map.entry("groupColumns", "--group"),
            Map.entry("groupAttributes", "--group"),
            Map.entry("attribute", "--group"),
            Map.entry("classes", "--classes"),
            Map.entry("template", "--template"),
            Map.entry("classEmbeddings", "--class-embeddings"),
            Map.entry("preset", "--preset"),
            Map.entry("named", "--remove"),
            Map.entry("related", "--related"),
            Map.entry("threshold", "--related-threshold"),
            Map.entry("embeddingNames", "--embedding-names"),
            Map.entry("idColumn", "--id-column"),
            Map.entry("alpha", "--alpha"),
            Map.entry("remove", "--remove"),
            Map.entry("watch", "--prevalence"),
            Map.entry("cropRule", "--crop"));

    private ParameterFlags() {
    }

    /**
     * @param e a bad-input error
     * @return its message, with a library parameter's name replaced by the option that fed it
     */
    static String message(SpliceInputException e) {
        String parameter = e.parameter();
        String flag = parameter == null ? null : parameter.startsWith("--") ? parameter : FLAGS.get(parameter);
        return flag == null ? e.getMessage() : flag + ": " + e.reason();
    }

    /**
     * Runs library code whose parameter errors all come from one option.
     * @param flag the option, e.g. {@code --prevalence}
     * @param body the library call
     * @param <T> its result type
     * @return its result
     */
    static <T> T as(String flag, Supplier<T> body) {
        try {
            return body.get();
        } catch (SpliceInputException e) {
            if (e.parameter() != null && !e.parameter().startsWith("--")) {
                throw SpliceInputException.forParameter(flag, e.reason(), e);
            }
            throw e;
        }
    }
}
