package io.github.splice4j.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CLIP image preprocessing that reproduces the Python pipeline's pixels: decode as PIL's {@code convert("RGB")}
 * (no colour-profile conversion, no EXIF rotation; see {@link PilImages}), resize the shortest edge to 224 with
 * PIL's antialiased bicubic (the long edge to {@code ⌊224 · long / short⌋}, as torchvision's {@code Resize(224)}
 * and Hugging Face's {@code CLIPImageProcessor} both compute it), centre crop 224 × 224 with the crop rule of the
 * pipeline the model comes from ({@link CropRule}), rescale by 1/255 and normalise with the mean and standard
 * deviation of {@code preprocessor_config.json} (CLIP's by default), channels first. Immutable.
 */
public final class ClipImagePreprocessor {
    /** Where a centre crop starts when the margin {@code n − 224} is odd. */
    public enum CropRule {
        /**
         * torchvision's {@code CenterCrop} (OpenAI CLIP, open_clip, and so the SpLiCE reference): offset
         * {@code round((n − size) / 2)}, Python's round, half to even.
         */
        TORCHVISION,
        /** Hugging Face's {@code CLIPImageProcessor}: offset {@code (n − size) // 2}. */
        HUGGING_FACE;

        /**
         * @param name {@code torchvision} or {@code huggingface}
         * @return the rule
         * @throws io.github.splice4j.SpliceInputException (parameter {@code cropRule}) for another name
         */
        public static CropRule parse(String name) {
            return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "torchvision" -> TORCHVISION;
                case "huggingface", "hugging_face", "hf" -> HUGGING_FACE;
                default -> throw SpliceInputException.forParameter("cropRule",
                        "torchvision or huggingface, got '" + name + "'");
            };
        }

        /**
         * @param margin {@code n − size}
         * @return the offset of the crop
         */
        int offset(int margin) {
            if (this == HUGGING_FACE || margin % 2 == 0) {
                return margin / 2;
            }
            int down = margin / 2;            // x.5: to the even neighbour
            return down % 2 == 0 ? down : down + 1;
        }
    }

    private final int shortestEdge;
    private final int cropHeight;
    private final int cropWidth;
    private final double rescale;
    private final float[] mean;
    private final float[] std;
    private final CropRule cropRule;

    private ClipImagePreprocessor(int shortestEdge, int cropHeight, int cropWidth, double rescale, float[] mean,
                                  float[] std, CropRule cropRule) {
        this.shortestEdge = shortestEdge;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        this.rescale = rescale;
        this.mean = mean;
        this.std = std;
        this.cropRule = cropRule;
    }

    /** @return CLIP's defaults (224, CLIP mean/std), torchvision's crop rule */
    public static ClipImagePreprocessor clipDefaults() {
        return new ClipImagePreprocessor(224, 224, 224, 1 / 255.0, new float[] {0.48145466f, 0.4578275f, 0.40821073f},
                new float[] {0.26862954f, 0.26130258f, 0.27577711f}, CropRule.TORCHVISION);
    }

    /**
     * @param rule the crop rule to use
     * @return a preprocessor like this one with that rule
     */
    public ClipImagePreprocessor withCropRule(CropRule rule) {
        return new ClipImagePreprocessor(shortestEdge, cropHeight, cropWidth, rescale, mean, std, rule);
    }

    /** @return the crop rule */
    public CropRule cropRule() {
        return cropRule;
    }

    /**
     * The crop rule an export recorded in its {@code preprocessor_config.json} ({@code "splice4j_crop_rule":
     * "torchvision"} or {@code "huggingface"}, as {@code scripts/export-clip.py} writes it), if any.
     * @param dir the model directory
     * @return the rule, or null when none is recorded
     */
    public static CropRule recordedCropRule(Path dir) {
        Path file = dir.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonObject c = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return c.has("splice4j_crop_rule") ? CropRule.parse(c.get("splice4j_crop_rule").getAsString()) : null;
        } catch (IOException | RuntimeException e) {
            throw new SpliceInputException(file + ": not a CLIP preprocessor_config.json: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code preprocessor_config.json}, or returns CLIP's defaults where the file is absent.
     * @param dir the model directory
     * @return the preprocessor (torchvision's crop rule; see {@link #withCropRule})
     */
    public static ClipImagePreprocessor load(Path dir) {
        Path file = dir.resolve("preprocessor_config.json");
        if (!Files.isRegularFile(file)) {
            return clipDefaults();
        }
        try {
            JsonObject c = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            int edge = c.getAsJsonObject("size").get("shortest_edge").getAsInt();
            JsonObject crop = c.getAsJsonObject("crop_size");
            double rescale = c.has("rescale_factor") ? c.get("rescale_factor").getAsDouble() : 1 / 255.0;
            return new ClipImagePreprocessor(edge, crop.get("height").getAsInt(), crop.get("width").getAsInt(), rescale,
                    floats(c.getAsJsonArray("image_mean")), floats(c.getAsJsonArray("image_std")), CropRule.TORCHVISION);
        } catch (IOException | RuntimeException e) {
            throw new SpliceInputException(file + ": not a CLIP preprocessor_config.json: " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }

    /** @return the output height */
    public int height() {
        return cropHeight;
    }

    /** @return the output width */
    public int width() {
        return cropWidth;
    }

    /**
     * The pixels a model sees, before rescaling and normalising: decoded, resized and cropped.
     * @param image the decoded image
     * @return a {@code width × height} RGB image
     */
    public RgbImage pixels(RgbImage image) {
        int h = image.height();
        int w = image.width();
        int newH;
        int newW;
        if (w <= h) {
            newW = shortestEdge;
            newH = (int) ((long) shortestEdge * h / w);
        } else {
            newH = shortestEdge;
            newW = (int) ((long) shortestEdge * w / h);
        }
        RgbImage resized = PilImages.resizeBicubic(image, newW, newH);
        if (resized.width() < cropWidth || resized.height() < cropHeight) {
            throw new IllegalStateException("resized image smaller than the crop");
        }
        return resized.crop(cropRule.offset(resized.width() - cropWidth), cropRule.offset(resized.height() - cropHeight),
                cropWidth, cropHeight);
    }

    /**
     * The model's input for pixels: rescaled and normalised, channels first.
     * @param pixels cropped pixels ({@link #pixels})
     * @return {@code 3 × height × width} floats
     */
    public float[] normalize(RgbImage pixels) {
        int plane = cropHeight * cropWidth;
        float[] out = new float[3 * plane];
        for (int y = 0; y < cropHeight; y++) {
            for (int x = 0; x < cropWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = (float) (pixels.get(x, y, c) * rescale);
                    out[c * plane + y * cropWidth + x] = (v - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    /**
     * Preprocesses one image file.
     * @param file the image
     * @return {@code 3 × height × width} floats, channels first
     */
    public float[] preprocess(Path file) {
        return normalize(pixels(PilImages.decode(file)));
    }

    /**
     * Preprocesses one image file into an NDArray.
     * @param file the image
     * @param manager where the array lives
     * @return a float32 array [3, height, width]
     */
    public NDArray preprocess(Path file, NDManager manager) {
        return manager.create(preprocess(file), new ai.djl.ndarray.types.Shape(3, cropHeight, cropWidth));
    }
}
