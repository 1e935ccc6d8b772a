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
import java.util.Locale;
import java.util.Random;

/**
 * Small Waterbirds and CelebA look-alikes in the real file formats, built on a generated CLIP-like
 * dictionary of the last 2,000 laion concepts, with a planted spurious concept: in the train split the
 * background concept ("forest" or "ocean"; for CelebA, "hat" with men) goes with the class 95% of the
 * time and is stronger than the class concept ("owl" or "bird"; "blonde"), while the test split is
 * balanced. A probe then leans on the background; removing it must raise worst-group accuracy.
 */
public final class SyntheticBenchmarks {
    /** The vocabulary of the small look-alikes: laion's last 2,000 concepts. */
    public static final String VOCABULARY = "laion:2000";
    /** The vocabulary of the full-size CelebA look-alike: laion's last 10,000 concepts. */
    public static final String FULL_VOCABULARY = "laion:10000";
    /** The image mean the look-alikes are built around (use it with --mean). */
    public static final String MEAN = "clip:ViT-B-32";
    /** Train group sizes of Waterbirds (landbird-land, landbird-water, waterbird-land, waterbird-water) over 10. */
    private static final int[][] WATERBIRDS_TRAIN = {{350, 18}, {6, 106}};
    /** Waterbirds' real group sizes, [split][y][place]: 4,795 train, 1,199 validation, 5,794 test (11,788 in all). */
    private static final int[][][] WATERBIRDS_FULL = {{{3498, 184}, {56, 1057}}, {{467, 466}, {133, 133}},
            {{2255, 2255}, {642, 642}}};

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
     * {@code embeddings.npy} (in the metadata's row order, named row by row in {@code embeddings.npy.txt}).
     * @param dir the directory
     * @param seed the random seed
     */
    public static void writeWaterbirds(Path dir, long seed) {
        writeWaterbirds(dir, seed, false);
    }

    /**
     * Writes the Waterbirds look-alike, small (40 per test group) or at Waterbirds' real size (11,788 images with
     * the real group sizes of every split).
     * @param dir the directory
     * @param seed the random seed
     * @param full whether to write the real size
     */
    public static void writeWaterbirds(Path dir, long seed, boolean full) {
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
                    int n = full ? WATERBIRDS_FULL[split][y][place] : split == 0 ? WATERBIRDS_TRAIN[y][place] : 40;
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
        // embeddings in metadata.csv's row order (named row by row in embeddings.npy.txt)
        int[] order = java.util.stream.IntStream.range(0, x.size()).toArray();
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
                        String file = String.format(Locale.ROOT, "%06d.jpg", id);
                        attrs.add(String.format(Locale.ROOT, "%s %2d %2d %2d", file, blond == 1 ? 1 : -1,
                                rng.nextBoolean() ? 1 : -1, male == 1 ? 1 : -1));
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

    /** CelebA's 40 attribute names, in the order of {@code list_attr_celeba.txt}. */
    static final List<String> CELEBA_ATTRIBUTES = List.of("5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive",
            "Bags_Under_Eyes", "Bald", "Bangs", "Big_Lips", "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry", "Brown_Hair",
            "Bushy_Eyebrows", "Chubby", "Double_Chin", "Eyeglasses", "Goatee", "Gray_Hair", "Heavy_Makeup",
            "High_Cheekbones", "Male", "Mouth_Slightly_Open", "Mustache", "Narrow_Eyes", "No_Beard", "Oval_Face",
            "Pale_Skin", "Pointy_Nose", "Receding_Hairline", "Rosy_Cheeks", "Sideburns", "Smiling", "Straight_Hair",
            "Wavy_Hair", "Wearing_Earrings", "Wearing_Hat", "Wearing_Lipstick", "Wearing_Necklace", "Wearing_Necktie",
            "Young");
    /** CelebA's official partition: 162,770 train, 19,867 validation and 19,962 test images (202,599 in all). */
    static final int[] CELEBA_PARTITION = {162_770, 19_867, 19_962};

    /**
     * Writes a CelebA-format fixture of CelebA's real size: {@code list_attr_celeba.txt} (202,599 images, the 40
     * attributes), {@code list_eval_partition.txt} (the real 162,770 / 19,867 / 19,962 split), {@code concepts.npy}
     * (raw concept embeddings of laion's last 10,000 concepts, generated CLIP-like, 512-d) and {@code embeddings.npy}
     * (float32, streamed row by row; names in {@code embeddings.npy.txt}). Blond_Hair goes with women as in CelebA
     * (P(Male | blond) = 0.06, P(Male | not blond) = 0.48, P(blond) = 0.148); every embedding is composed of the class
     * concept ("blonde" or "hair"), a stronger gender concept ("man" or "woman") and two random concepts, plus noise.
     * @param dir the directory
     * @param seed the random seed
     * @param progress told how many images are written
     */
    public static void writeCelebAFull(Path dir, long seed, io.github.splice4j.ProgressListener progress) {
        ConceptVocabulary v = ConceptVocabulary.bundled("laion", 10_000);
        ClipLikeProblem p = problem(v, EmbeddingMean.bundled("clip:ViT-B-32"), seed);
        Random rng = new Random(seed);
        int total = java.util.Arrays.stream(CELEBA_PARTITION).sum();
        int blondIndex = CELEBA_ATTRIBUTES.indexOf("Blond_Hair");
        int maleIndex = CELEBA_ATTRIBUTES.indexOf("Male");
        try {
            Files.createDirectories(dir);
            Npy.write(dir.resolve("concepts.npy"), p.rawConcepts(), NpyDType.FLOAT32);
            try (java.io.BufferedWriter attrs = Files.newBufferedWriter(dir.resolve("list_attr_celeba.txt"));
                 java.io.BufferedWriter part = Files.newBufferedWriter(dir.resolve("list_eval_partition.txt"));
                 java.io.BufferedWriter names = Files.newBufferedWriter(dir.resolve("embeddings.npy.txt"));
                 io.github.splice4j.npy.NpyWriter x = io.github.splice4j.npy.NpyWriter.create(dir.resolve("embeddings.npy"),
                         NpyDType.FLOAT32, total, p.rawConcepts()[0].length)) {
                attrs.write(total + "\n" + String.join(" ", CELEBA_ATTRIBUTES) + "\n");
                int id = 0;
                for (int split = 0; split < 3; split++) {
                    for (int k = 0; k < CELEBA_PARTITION[split]; k++) {
                        id++;
                        String file = String.format(Locale.ROOT, "%06d.jpg", id);
                        boolean blond = rng.nextDouble() < 0.148;
                        boolean male = rng.nextDouble() < (blond ? 0.06 : 0.48);
                        StringBuilder line = new StringBuilder(file);
                        for (int a = 0; a < CELEBA_ATTRIBUTES.size(); a++) {
                            boolean on = a == blondIndex ? blond : a == maleIndex ? male : rng.nextDouble() < 0.3;
                            line.append(on ? "  1" : " -1");
                        }
                        attrs.write(line.append('\n').toString());
                        part.write(file + " " + split + "\n");
                        names.write(file + "\n");
                        x.writeRow(image(p, v, blond ? "blonde" : "hair", male ? "man" : "woman", rng));
                        if (id % 10_000 == 0) {
                            progress.progress(id, total);
                        }
                    }
                }
                x.commit();
            }
            progress.progress(total, total);
        } catch (IOException e) {
            throw new SpliceInputException(dir + ": cannot write: " + e.getMessage(), e);
        }
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
