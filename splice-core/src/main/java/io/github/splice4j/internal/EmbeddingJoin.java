package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins dataset rows to embedding rows: by order (the embeddings follow the dataset's rows), or by
 * name, from a file listing each embedding row's image (such as the {@code X.npy.txt} that
 * {@code splice embed} writes); an image matches a listed path equal to it or ending in {@code /image}. Internal: not part of Splice4J's API.
 */
public final class EmbeddingJoin {
    private EmbeddingJoin() {
    }

    /**
     * @param ids the dataset's image ids, in its row order
     * @param embeddingNames each embedding row's name, or null to join by order
     * @param embeddingRows the number of embedding rows
     * @param source the dataset file, for messages
     * @param firstLine the line number of the dataset's first row, for messages
     * @return for each dataset row, its embedding row
     */
    public static int[] rows(List<String> ids, List<String> embeddingNames, int embeddingRows, Path source, int firstLine) {
        if (embeddingNames == null) {
            if (ids.size() != embeddingRows) {
                throw new SpliceInputException(source + ": " + ids.size() + " rows, but there are " + embeddingRows
                        + " embeddings (give the embeddings' names to join by image)");
            }
            return java.util.stream.IntStream.range(0, ids.size()).toArray();
        }
        if (embeddingNames.size() != embeddingRows) {
            throw SpliceInputException.forParameter("embeddingNames", embeddingNames.size() + " names for " + embeddingRows
                    + " embeddings");
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < embeddingNames.size(); i++) {
            String n = embeddingNames.get(i).replace('\\', '/');
            Integer before = byName.put(n, i);
            if (before != null) {
                throw SpliceInputException.forParameter("embeddingNames", "'" + n + "' names embedding rows "
                        + before + " and " + i);
            }
            // also index every path suffix after a '/' so that relative ids match absolute paths
            for (int s = n.indexOf('/'); s >= 0; s = n.indexOf('/', s + 1)) {
                byName.putIfAbsent(n.substring(s + 1), i);
            }
        }
        int[] out = new int[ids.size()];
        for (int r = 0; r < ids.size(); r++) {
            Integer row = byName.get(ids.get(r).replace('\\', '/'));
            if (row == null) {
                throw new SpliceInputException(source + ": line " + (firstLine + r) + ": image " + ids.get(r)
                        + " has no embedding (not among the embeddings' names)");
            }
            out[r] = row;
        }
        return out;
    }

    /**
     * @param values a column's values
     * @param embeddingNames the embeddings' names
     * @return whether every value names an embedding (as {@link #rows} would join them)
     */
    public static boolean allNamed(List<String> values, List<String> embeddingNames) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (String name : embeddingNames) {
            String n = name.replace('\\', '/');
            known.add(n);
            for (int s = n.indexOf('/'); s >= 0; s = n.indexOf('/', s + 1)) {
                known.add(n.substring(s + 1));
            }
        }
        return !values.isEmpty() && values.stream().allMatch(v -> known.contains(v.strip().replace('\\', '/')));
    }
}
