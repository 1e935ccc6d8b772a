package io.github.splice4j.eval;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.EmbeddingJoin;
import io.github.splice4j.probes.LabelTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Loads the bias benchmarks in their real file formats and joins them to precomputed embeddings:
 * Waterbirds' {@code metadata.csv} ({@code img_id,img_filename,y,split,place,place_filename}, groups
 * y × place), CelebA's {@code list_attr_celeba.txt} + {@code list_eval_partition.txt} (target and group
 * attributes by name; WILDS uses Blond_Hair × Male, the paper Eyeglasses × Male), or any labelled table.
 */
public final class EvalDatasets {
    /**
     * A loaded dataset.
     * @param table labels, groups and splits, in the dataset's row order
     * @param spurious every row's spurious-attribute value
     * @param embeddingRows for every row, its row in the embeddings
     */
    public record Loaded(LabelTable table, List<String> spurious, int[] embeddingRows) {
    }

    private EvalDatasets() {
    }

    /**
     * @param metadata Waterbirds' metadata.csv
     * @param embeddingNames the embeddings' image names (e.g. from {@code splice embed}), or null for metadata order
     * @param embeddingCount the number of embeddings
     * @return the dataset: target y (1 = waterbird), groups y × place (1 = water), spurious attribute place
     */
    public static Loaded waterbirds(Path metadata, List<String> embeddingNames, int embeddingCount) {
        LabelTable t = LabelTable.read(metadata, "y", List.of("y", "place"), "img_filename");
        LabelTable place = LabelTable.read(metadata, "place", List.of(), null);
        if (!t.hasSplits()) {
            throw new SpliceInputException(metadata + ": no 'split' column (Waterbirds' metadata.csv has one)");
        }
        all(t).forEach(r -> check(metadata, r, t.labels(new int[] {r}).get(0), "y"));
        all(place).forEach(r -> check(metadata, r, place.labels(new int[] {r}).get(0), "place"));
        return new Loaded(t, place.labels(all(place).toArray()),
                EmbeddingJoin.rows(t.ids(), embeddingNames, embeddingCount, metadata, 2));
    }

    /**
     * @param attributes list_attr_celeba.txt
     * @param partition list_eval_partition.txt
     * @param target the target attribute, e.g. Blond_Hair or Eyeglasses
     * @param group the group (spurious) attribute, e.g. Male
     * @param embeddingNames the embeddings' image names, or null for the attribute file's order
     * @param embeddingCount the number of embeddings
     * @return the dataset: groups target × group, spurious attribute = group
     */
    public static Loaded celeba(Path attributes, Path partition, String target, String group, List<String> embeddingNames,
                                int embeddingCount) {
        LabelTable t = LabelTable.readCelebA(attributes, partition, target, List.of(target, group), -1);
        LabelTable g = LabelTable.readCelebA(attributes, partition, group, List.of(), -1);
        return new Loaded(t, g.labels(all(g).toArray()),
                EmbeddingJoin.rows(t.ids(), embeddingNames, embeddingCount, attributes, 3));
    }

    /**
     * @param labels a labels CSV
     * @param target its target column
     * @param spurious its spurious-attribute column (groups are target × spurious)
     * @param idColumn an id column to join on, or null for row order
     * @param embeddingNames the embeddings' names, or null
     * @param embeddingCount the number of embeddings
     * @return the dataset
     */
    public static Loaded table(Path labels, String target, String spurious, String idColumn, List<String> embeddingNames,
                               int embeddingCount) {
        if (embeddingNames != null && idColumn == null) {
            throw SpliceInputException.forParameter("idColumn", "the embeddings are named; name the column of "
                    + labels + " that holds those names, to join by it rather than by row order");
        }
        LabelTable t = LabelTable.read(labels, target, List.of(target, spurious), idColumn);
        if (!t.hasSplits()) {
            throw new SpliceInputException(labels + ": no 'split' column (train/val/test or 0/1/2): the evaluation "
                    + "fits on the train split and scores on the test split");
        }
        LabelTable s = LabelTable.read(labels, spurious, List.of(), null);
        return new Loaded(t, s.labels(all(s).toArray()),
                EmbeddingJoin.rows(t.ids(), embeddingNames, embeddingCount, labels, 2));
    }

    private static IntStream all(LabelTable t) {
        return IntStream.range(0, t.size());
    }

    private static void check(Path file, int row, String value, String column) {
        if (!Set.of("0", "1").contains(value)) {
            throw new SpliceInputException(file + ": line " + (row + 2) + ": " + column + " is '" + value + "', not 0 or 1");
        }
    }
}
