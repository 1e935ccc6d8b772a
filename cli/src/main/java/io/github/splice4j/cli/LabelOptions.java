package io.github.splice4j.cli;

import io.github.splice4j.probes.LabelTable;
import io.github.splice4j.probes.Split;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The labels CSV: its target column(s), group columns, and (optional) split column. */
final class LabelOptions {
    @Option(names = "--labels", description = "Labels CSV with a header, one row per embedding (a Waterbirds metadata.csv "
            + "works as is); an optional 'split' column (train/val/test or 0/1/2) chooses where to fit and where to score.")
    Path labels;

    @Option(names = "--celeba-attrs", description = "Instead of --labels: CelebA's list_attr_celeba.txt (rows in its order).")
    Path celebaAttrs;

    @Option(names = "--celeba-partition", description = "With --celeba-attrs: list_eval_partition.txt.")
    Path celebaPartition;

    @Option(names = "--target", required = true, split = ",", description = "The label column(s), comma-separated.")
    List<String> targets;

    @Option(names = "--group", split = ",", description = "Group column(s): accuracy is also reported per group.")
    List<String> groups = new ArrayList<>();

    /**
     * The labels, one row per embedding. When the embeddings are named (the names file {@code splice embed} writes
     * beside them, {@code X.npy.txt}), rows are joined by name, never by row order.
     */
    LabelTable table(String target, int rows, Path embeddings) {
        if ((labels == null) == (celebaAttrs == null)) {
            throw new io.github.splice4j.SpliceInputException("--labels or --celeba-attrs: give exactly one");
        }
        List<String> names = null;
        if (embeddings != null && java.nio.file.Files.isRegularFile(Path.of(embeddings + ".txt"))) {
            names = TextFiles.nonBlankLines(Path.of(embeddings + ".txt"), "--embeddings");
        }
        LabelTable t = labels != null ? LabelTable.read(labels, target, groups, names, rows)
                : LabelTable.joinedTo(LabelTable.readCelebA(celebaAttrs, celebaPartition, target, groups, -1), names, rows);
        if (!t.hasSplits()) {
            System.err.println("note: " + t.file() + " has no split column"
                    + (celebaAttrs != null ? " (give --celeba-partition)" : "") + ": every row is used to fit and to score");
        }
        return t;
    }

    /** Rows to fit on and rows to score on: train and test, or all and all without a split column. */
    static int[][] fitAndScore(LabelTable t) {
        return new int[][] {t.rows(Split.TRAIN), t.rows(Split.TEST)};
    }
}
