package io.github.splice4j.eval;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.testkit.ClipLikeProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small Waterbirds and CelebA look-alikes in the real file formats, built on a generated CLIP-like
 * dictionary of the last 2,000 laion concepts, with a planted spurious concept: in the train split the
 * background concept ("forest" or "ocean"; for CelebA, "hat" with men) goes with the class 95% of the
 * time and is stronger than the class concept ("owl" or "bird"; "blonde"), while the test split is
 * balanced. A probe then leans on the background; removing it must raise worst-group accuracy.
 */
public final class SyntheticBenchmarks {
    /** Train group sizes of Waterbirds (landbird-land, landbird-water, waterbird-land, waterbird-water) over 10. */
    private static final int[][] WATERBIRDS_TRAIN = {{350, 18}, {6, 106}};

    private SyntheticBenchmarks() {
    }

    private static ClipLikeProblem problem(ConceptVocabulary vocab, EmbeddingMean mean, long seed) {
        return ClipLikeProblem.generate(vocab.size(), 0, mean, 1, 1, 0.5, seed);
    }

    private static double[] image(ClipLikeProblem p, ConceptVocabulary v, String cls, String background, Random rng) {
        int[] concepts = {v.indexOf(cls), v.indexOf(background), rng.nextInt(v.size()), rng.nextInt(v.size())};
        double[] w = {0.25 + 0.1 * rng.nextDouble(), 0.9 + 0.2 * rng.nextDouble(), 0.3 + 0.5 * rng.nextDouble(),
                0.3 + 0.5 * rng.nextDouble()};
        return p.compose(concepts, w, 0.45, rng.nextLong());
    }

    /**
     * Writes {@code metadata.csv}, {@code concepts.npy} (raw concept embeddings of laion's last 2,000) and
     * {@code embeddings.npy} (in a shuffled order, named row by row in {@code embeddings.npy.txt}).
     * @param dir the directory
     * @param seed the random seed
     */
    public static void writeWaterbirds(Path dir, long seed) {
        ConceptVocabulary v = ConceptVocabulary.bundled("laion", 2000);
        ClipLikeProblem p = problem(v, EmbeddingMean.bundled("clip:ViT-B-32"), seed);
        Random rng = new Random(seed);
        List<String> meta = new ArrayList<>(List.of("img_id,img_filename,y,split,place,place_filename"));
        List<double[]> x = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int id = 0;
        for (int split = 0; split < 3; split++) {
            for (int y = 0; y < 2; y++) {
                for (int place = 0; place < 2; place++) {
                    int n = split == 0 ? WATERBIRDS_TRAIN[y][place] : 40;
                    for (int k = 0; k < n; k++) {
                        id++;
                        String file = (y == 1 ? "001.Waterbird" : "002.Landbird") + "/img_" + id + ".jpg";
                        meta.add(id + "," + file + "," + y + "," + split + "," + place + ","
                                + (place == 1 ? "/o/ocean/" : "/f/forest/") + id + ".jpg");
                        x.add(image(p, v, y == 1 ? "bird" : "owl", place == 1 ? "ocean" : "forest", rng));
                        names.add("/data/waterbirds/" + file);
                    }
                }
            }
        }
        int[] order = shuffled(x.size(), rng);
        write(dir, "metadata.csv", meta);
        writeEmbeddings(dir, p, x, names, order);
    }

    /**
     * Writes {@code list_attr_celeba.txt} (attributes Blond_Hair, Eyeglasses, Male), {@code list_eval_partition.txt},
     * {@code concepts.npy} and {@code embeddings.npy} (in the attribute file's order). Target Blond_Hair ("blonde"),
     * spurious attribute Male, planted as "hat" (men) against "woman".
     * @param dir the directory
     * @param seed the random seed
     */
    public static void writeCelebA(Path dir, long seed) {
        ConceptVocabulary v = ConceptVocabulary.bundled("laion", 2000);
        ClipLikeProblem p = problem(v, EmbeddingMean.bundled("clip:ViT-B-32"), seed);
        Random rng = new Random(seed);
        List<String> attrs = new ArrayList<>();
        List<String> part = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int id = 0;
        // train sizes by [blond][male]: blond hair goes with women 95% of the time
        int[][] trainSizes = {{16, 300}, {110, 6}};
        for (int split = 0; split < 3; split++) {
            for (int blond = 0; blond < 2; blond++) {
                for (int male = 0; male < 2; male++) {
                    int n = split == 0 ? trainSizes[blond][male] : 40;
                    for (int k = 0; k < n; k++) {
                        id++;
                        String file = String.format("%06d.jpg", id);
                        attrs.add(String.format("%s %2d %2d %2d", file, blond == 1 ? 1 : -1, rng.nextBoolean() ? 1 : -1,
                                male == 1 ? 1 : -1));
                        part.add(file + " " + split);
                        x.add(image(p, v, blond == 1 ? "blonde" : "hair", male == 1 ? "hat" : "woman", rng));
                        names.add(file);
                    }
                }
            }
        }
        List<String> header = new ArrayList<>(List.of(Integer.toString(id), "Blond_Hair Eyeglasses Male"));
        header.addAll(attrs);
        write(dir, "list_attr_celeba.txt", header);
        write(dir, "list_eval_partition.txt", part);
        int[] identity = java.util.stream.IntStream.range(0, x.size()).toArray();
        writeEmbeddings(dir, p, x, names, identity);
    }

    private static int[] shuffled(int n, Random rng) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        java.util.Collections.shuffle(l, rng);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeEmbeddings(Path dir, ClipLikeProblem p, List<double[]> x, List<String> names, int[] order) {
        double[][] rows = new double[x.size()][];
        List<String> rowNames = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            rows[i] = x.get(order[i]);
            rowNames.add(names.get(order[i]));
        }
        Npy.write(dir.resolve("concepts.npy"), p.rawConcepts(), NpyDType.FLOAT32);
        Npy.write(dir.resolve("embeddings.npy"), rows, NpyDType.FLOAT32);
        write(dir, "embeddings.npy.txt", rowNames);
    }

    private static void write(Path dir, String name, List<String> lines) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), lines);
        } catch (IOException e) {
            throw new SpliceInputException(dir.resolve(name) + ": cannot write: " + e.getMessage(), e);
        }
    }
}
