package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.encode.TextEncoder;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.ZeroShotClassifier;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Zero-shot classes: names, and their prompt embeddings (from a file, or encoded from a template). */
final class ClassOptions {
    @Option(names = "--classes", description = "Class names, one per line (each must be a label value of the target).")
    Path classes;

    @Option(names = "--class-embeddings", description = "Class-prompt embeddings .npy, one row per class, when no encoder is loaded.")
    Path classEmbeddings;

    @Option(names = "--template", defaultValue = ZeroShotClassifier.DEFAULT_TEMPLATE,
            description = "Prompt template for the encoder (default '${DEFAULT-VALUE}').")
    String template;

    boolean present() {
        return classes != null;
    }

    /**
     * @param encoder the text encoder for the prompts, or null (then --class-embeddings)
     * @param table the labels: every class must be one of the target's values
     */
    ZeroShotClassifier classifier(TextEncoder encoder, LabelTable table) {
        List<String> names = TextFiles.nonBlankLines(classes, "--classes");
        java.util.Set<String> values = table.labelCounts().keySet();
        for (String name : names) {
            if (!values.contains(LabelTable.canonicalValue(name))) {
                throw new SpliceInputException("--classes: '" + name + "' is not a value of the target " + table.target()
                        + " in " + table.file() + " (its values: " + String.join(", ", values) + ")");
            }
        }
        double[][] e;
        if (classEmbeddings != null) {
            e = Npy.readMatrix(classEmbeddings);
        } else if (encoder != null) {
            e = encoder.encodeTexts(ZeroShotClassifier.prompts(template, names), io.github.splice4j.ProgressListener.NONE);
        } else {
            throw new SpliceInputException("--class-embeddings: needed when no --encoder/--model is given");
        }
        return new ZeroShotClassifier(names, e);
    }
}
