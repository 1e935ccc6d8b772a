package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The mean of L2-normalised embeddings of a reference set, subtracted before decomposing ("centring").
 * Four image means come with Splice4J, converted byte for byte from the SpLiCE reference:
 * {@code clip:ViT-B-32}, {@code clip:ViT-B-16}, {@code clip:RN50} (1024-d) and
 * {@code open_clip:ViT-B-32} (MSCOCO images).
 */
public final class EmbeddingMean implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The names of the bundled image means. */
    public static final List<String> BUNDLED = List.of("clip:ViT-B-32", "clip:ViT-B-16", "clip:RN50",
            "open_clip:ViT-B-32");
    private static final Map<String, String> RESOURCES = Map.of(
            "clip:ViT-B-32", "clip_ViT-B-32_image.npy",
            "clip:ViT-B-16", "clip_ViT-B-16_image.npy",
            "clip:RN50", "clip_RN50_image.npy",
            "open_clip:ViT-B-32", "open_clip_ViT-B-32_image.npy");

    private final String name;
    private final double[] values;

    private EmbeddingMean(String name, double[] values) {
        this.name = name;
        this.values = values;
    }

    /**
     * A mean given by value.
     * @param name a description for provenance
     * @param values the mean vector (finite)
     * @return the mean
     */
    public static EmbeddingMean of(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new SpliceInputException(name + ": non-finite value at index " + i);
            }
        }
        if (values.length == 0) {
            throw new SpliceInputException(name + ": the mean is empty");
        }
        return new EmbeddingMean(name, values.clone());
    }

    /**
     * The mean of the L2-normalised rows: for text encoders, the mean of the vocabulary's raw
     * embeddings centres text as the image mean centres images.
     * @param name a description for provenance
     * @param rows embeddings
     * @return the mean
     */
    public static EmbeddingMean ofNormalizedRows(String name, double[][] rows) {
        if (rows.length == 0) {
            throw new SpliceInputException(name + ": no rows to average");
        }
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            double[] n = io.github.splice4j.internal.Vectors.normalized(row);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += n[j] / rows.length;
            }
        }
        return of(name, mean);
    }

    /**
     * A bundled mean by name, or a {@code .npy} vector by path.
     * @param nameOrPath one of {@link #BUNDLED}, or a file
     * @return the mean
     */
    public static EmbeddingMean load(String nameOrPath) {
        if (RESOURCES.containsKey(nameOrPath)) {
            return bundled(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.exists(p)) {
            throw SpliceInputException.forParameter("mean", "'" + nameOrPath + "' is neither a bundled mean " + BUNDLED
                    + " nor an existing .npy file");
        }
        return of(p.toString(), Npy.readVector(p));
    }

    /**
     * A bundled image mean.
     * @param name one of {@link #BUNDLED}
     * @return the mean
     */
    public static EmbeddingMean bundled(String name) {
        String resource = RESOURCES.get(name);
        if (resource == null) {
            throw SpliceInputException.forParameter("mean", "unknown bundled mean '" + name + "', expected one of " + BUNDLED);
        }
        try (InputStream in = EmbeddingMean.class.getResourceAsStream("/io/github/splice4j/means/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled mean " + name + " is missing from the jar");
            }
            return new EmbeddingMean(name, Npy.readVector(NpyReader.open(in, "bundled mean " + name)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled mean " + name, e);
        }
    }

    /**
     * The bundled image mean of a dimension, for generated problems: {@code clip:ViT-B-32} for 512,
     * {@code clip:RN50} for 1024.
     * @param dimension the embedding dimension
     * @return the mean
     */
    public static EmbeddingMean bundledForDimension(int dimension) {
        return switch (dimension) {
            case 512 -> bundled("clip:ViT-B-32");
            case 1024 -> bundled("clip:RN50");
            default -> throw SpliceInputException.forParameter("dimension", "the bundled image means are 512-d (clip:ViT-B-32, "
                    + "clip:ViT-B-16, open_clip:ViT-B-32) or 1024-d (clip:RN50), not " + dimension);
        };
    }

    /** @return the name or file it came from */
    public String name() {
        return name;
    }

    /** @return its dimension */
    public int dimension() {
        return values.length;
    }

    /** @return a copy of the mean vector */
    public double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "EmbeddingMean(" + name + ", " + values.length + "-d)";
    }
}
