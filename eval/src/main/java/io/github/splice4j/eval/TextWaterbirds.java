package io.github.splice4j.eval;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A text version of Waterbirds for real-model runs: captions that pair real waterbird and landbird
 * species with real water and land scenes, in Waterbirds' {@code metadata.csv} format (y = 1 for a
 * waterbird, place = 1 for water). The train split keeps Waterbirds' group sizes in proportion
 * (3,498 / 184 / 56 / 1,057, so the background goes with the class 95% of the time); validation and
 * test are balanced across the four groups.
 */
public final class TextWaterbirds {
    /** Waterbird species. */
    public static final List<String> WATERBIRDS = List.of("albatross", "pelican", "seagull", "cormorant", "puffin",
            "tern", "heron", "mallard duck", "loon", "grebe", "frigatebird", "swan");
    /** Landbird species. */
    public static final List<String> LANDBIRDS = List.of("sparrow", "warbler", "woodpecker", "cardinal", "blue jay",
            "crow", "finch", "wren", "flycatcher", "oriole", "hummingbird", "robin");
    /** Water scenes. */
    public static final List<String> WATER = List.of("ocean", "lake", "river", "beach", "harbor", "open sea",
            "pond", "waterfront");
    /** Land scenes. */
    public static final List<String> LAND = List.of("bamboo forest", "pine forest", "broadleaf forest", "mountain trail",
            "desert", "autumn woods", "meadow", "jungle");
    private static final List<String> TEMPLATES = List.of("a photo of a %s in a %s", "a %s standing by the %s",
            "a %s perched near the %s", "a picture of a %s with a %s in the background");
    private static final int[][] TRAIN = {{3498, 184}, {56, 1057}};

    private TextWaterbirds() {
    }

    /**
     * Writes {@code metadata.csv} and {@code captions.txt} (one caption per metadata row).
     * @param dir the directory
     * @param scale the train split is Waterbirds' divided by this (e.g. 5)
     * @param perTestGroup captions per group in the validation and test splits
     * @param seed the random seed
     */
    public static void write(Path dir, int scale, int perTestGroup, long seed) {
        if (scale < 1) {
            throw SpliceInputException.forParameter("scale", "must be ≥ 1, got " + scale);
        }
        if (perTestGroup < 1) {
            throw SpliceInputException.forParameter("perTestGroup", "must be ≥ 1, got " + perTestGroup);
        }
        Random rng = new Random(seed);
        List<String> meta = new ArrayList<>(List.of("img_id,img_filename,y,split,place,place_filename"));
        List<String> captions = new ArrayList<>();
        int id = 0;
        for (int split = 0; split < 3; split++) {
            for (int y = 0; y < 2; y++) {
                for (int place = 0; place < 2; place++) {
                    int n = split == 0 ? Math.max(1, Math.round(TRAIN[y][place] / (float) scale)) : perTestGroup;
                    for (int k = 0; k < n; k++) {
                        id++;
                        String bird = pick(y == 1 ? WATERBIRDS : LANDBIRDS, rng);
                        String scene = pick(place == 1 ? WATER : LAND, rng);
                        captions.add(String.format(pick(TEMPLATES, rng), bird, scene));
                        meta.add(id + ",caption_" + id + ".txt," + y + "," + split + "," + place + "," + scene);
                    }
                }
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("metadata.csv"), meta);
            Files.write(dir.resolve("captions.txt"), captions);
        } catch (IOException e) {
            throw new SpliceInputException(dir + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static String pick(List<String> l, Random rng) {
        return l.get(rng.nextInt(l.size()));
    }
}
