package io.github.splice4j.testkit;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.concepts.EmbeddingMean;

import java.util.Arrays;
import java.util.Random;

/**
 * A generated CLIP-like SpLiCE problem with a known answer.
 *
 * <p>Raw concept embeddings share one common direction (as CLIP text embeddings do), belong to topic
 * clusters, and have an idiosyncratic part; after the reference's normalise–centre–normalise they are
 * correlated within a topic and nearly orthogonal across topics. Each image embedding is the real
 * image mean plus a normalised nonnegative mixture of a few planted concepts and Gaussian noise, scaled
 * so that, as for real CLIP image embeddings, its normalised form sits at the mean's distance from it.
 * Everything is a function of the seed.
 */
public final class ClipLikeProblem {
    private final double[][] rawConcepts;
    private final double[][] dictionary;
    private final double[][] images;
    private final int[][] planted;
    private final double[][] plantedWeights;
    private final EmbeddingMean mean;

    private ClipLikeProblem(double[][] rawConcepts, double[][] dictionary, double[][] images, int[][] planted,
                            double[][] plantedWeights, EmbeddingMean mean) {
        this.rawConcepts = rawConcepts;
        this.dictionary = dictionary;
        this.images = images;
        this.planted = planted;
        this.plantedWeights = plantedWeights;
        this.mean = mean;
    }

    /**
     * Generates a problem.
     * @param concepts number of concepts (≥ 2)
     * @param images number of image embeddings (≥ 0)
     * @param mean the image mean (its dimension is the problem's)
     * @param minPlanted fewest planted concepts per image (≥ 1)
     * @param maxPlanted most planted concepts per image
     * @param noise norm of the noise relative to the planted mixture
     * @param seed the random seed
     * @return the problem
     */
    public static ClipLikeProblem generate(int concepts, int images, EmbeddingMean mean, int minPlanted, int maxPlanted,
                                           double noise, long seed) {
        if (concepts < 2) {
            throw SpliceInputException.forParameter("concepts", "need at least 2 concepts, got " + concepts);
        }
        if (images < 0) {
            throw SpliceInputException.forParameter("images", "the number of embeddings must be ≥ 0, got " + images);
        }
        if (minPlanted < 1 || maxPlanted < minPlanted || maxPlanted > concepts) {
            throw new SpliceInputException("planted concepts per image must satisfy 1 ≤ min ≤ max ≤ concepts");
        }
        int d = mean.dimension();
        Random rng = new Random(seed);
        double[] common = unitGaussian(rng, d);
        int topics = Math.max(4, concepts / 40);
        double[][] centres = new double[topics][];
        for (int t = 0; t < topics; t++) {
            centres[t] = unitGaussian(rng, d);
        }
        double[][] raw = new double[concepts][];
        for (int i = 0; i < concepts; i++) {
            double[] own = unitGaussian(rng, d);
            double[] centre = centres[rng.nextInt(topics)];
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = 1.2 * common[j] + 0.55 * centre[j] + 0.85 * own[j];
            }
            raw[i] = Vectors.normalizeInPlace(row);
        }
        double[][] dictionary = centredDictionary(raw);
        double[] mu = mean.values();
        double[][] x = new double[images][];
        int[][] truth = new int[images][];
        double[][] truthWeights = new double[images][];
        for (int n = 0; n < images; n++) {
            int k = minPlanted + rng.nextInt(maxPlanted - minPlanted + 1);
            int[] chosen = distinct(rng, concepts, k);
            double[] weights = new double[k];
            for (int p = 0; p < k; p++) {
                weights[p] = 0.4 + 0.6 * rng.nextDouble();
            }
            double[] img = compose(dictionary, mu, chosen, weights, noise, rng);
            int[] order = sortedOrder(chosen);
            truth[n] = new int[k];
            truthWeights[n] = new double[k];
            for (int p = 0; p < k; p++) {
                truth[n][p] = chosen[order[p]];
                truthWeights[n][p] = weights[order[p]];
            }
            x[n] = img;
        }
        return new ClipLikeProblem(raw, dictionary, x, truth, truthWeights, mean);
    }

    /**
     * An image embedding made from chosen concepts of this problem's dictionary, as the generated
     * images are made.
     * @param concepts concept indices
     * @param weights their positive weights
     * @param noise norm of the noise relative to the mixture
     * @param seed the random seed of the noise and scale
     * @return the (unnormalised) image embedding
     */
    public double[] compose(int[] concepts, double[] weights, double noise, long seed) {
        if (concepts.length == 0 || concepts.length != weights.length) {
            throw new SpliceInputException("compose: need one weight per concept and at least one concept");
        }
        for (int c : concepts) {
            if (c < 0 || c >= dictionary.length) {
                throw new SpliceInputException("compose: concept index " + c + " out of range");
            }
        }
        return compose(dictionary, mean.values(), concepts, weights, noise, new Random(seed));
    }

    private static double[] compose(double[][] dictionary, double[] mu, int[] chosen, double[] weights, double noise,
                                    Random rng) {
        int d = mu.length;
        double offset = Math.sqrt(Math.max(0.05, 1 - Vectors.dot(mu, mu)));
        double[] mix = new double[d];
        for (int p = 0; p < chosen.length; p++) {
            for (int j = 0; j < d; j++) {
                mix[j] += weights[p] * dictionary[chosen[p]][j];
            }
        }
        double mixNorm = Vectors.norm(mix);
        double[] g = unitGaussian(rng, d);
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = mix[j] / mixNorm + noise * g[j];
        }
        Vectors.normalizeInPlace(v);
        // an arbitrary positive scale, as raw encoder outputs have
        double scale = 5 + 10 * rng.nextDouble();
        double[] img = new double[d];
        for (int j = 0; j < d; j++) {
            img[j] = scale * (mu[j] + offset * v[j]);
        }
        return img;
    }

    private static double[][] centredDictionary(double[][] raw) {
        int d = raw[0].length;
        double[] m = new double[d];
        for (double[] r : raw) {
            for (int j = 0; j < d; j++) {
                m[j] += r[j] / raw.length;
            }
        }
        double[][] out = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            double[] row = raw[i].clone();
            for (int j = 0; j < d; j++) {
                row[j] -= m[j];
            }
            out[i] = Vectors.normalizeInPlace(row);
        }
        return out;
    }

    private static int[] sortedOrder(int[] values) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> Integer.compare(values[a], values[b])).mapToInt(Integer::intValue).toArray();
    }

    private static int[] distinct(Random rng, int bound, int k) {
        int[] out = new int[k];
        int filled = 0;
        while (filled < k) {
            int v = rng.nextInt(bound);
            boolean seen = false;
            for (int p = 0; p < filled; p++) {
                seen |= out[p] == v;
            }
            if (!seen) {
                out[filled++] = v;
            }
        }
        return out;
    }

    private static double[] unitGaussian(Random rng, int d) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rng.nextGaussian();
        }
        return Vectors.normalizeInPlace(v);
    }

    /** @return the raw concept embeddings (unit rows, not yet centred), concepts × dimension (copies) */
    public double[][] rawConcepts() {
        return deepCopy(rawConcepts);
    }

    /** @return the image embeddings, images × dimension, unnormalised (copies) */
    public double[][] images() {
        return deepCopy(images);
    }

    /**
     * @param image an image index
     * @return the concepts planted in it, ascending
     */
    public int[] planted(int image) {
        return planted[image].clone();
    }

    /**
     * @param image an image index
     * @return the weights of its planted concepts, in the order of {@link #planted(int)}
     */
    public double[] plantedWeights(int image) {
        return plantedWeights[image].clone();
    }

    /** @return the image mean used */
    public EmbeddingMean mean() {
        return mean;
    }

    private static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }
}
