package io.github.splice4j.encode;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CLIP image preprocessing as a Hugging Face {@code preprocessor_config.json} describes it, through
 * DJL's image API: resize so the shortest edge is 224 (bicubic; values rounded and clipped to 0–255 as
 * an 8-bit image holds them), centre crop 224 × 224, rescale by 1/255, normalise with CLIP's mean and
 * standard deviation, channels first. DJL's bicubic is PyTorch's (no antialiasing), so downscaled images
 * can differ slightly from PIL's.
 */
public final class ClipImagePreprocessor {
    private final int shortestEdge;
    private final int cropHeight;
    private final int cropWidth;
    private final double rescale;
    private final float[] mean;
    private final float[] std;

    private ClipImagePreprocessor(int shortestEdge, int cropHeight, int cropWidth, double rescale, float[] mean, float[] std) {
        this.shortestEdge = shortestEdge;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        this.rescale = rescale;
        this.mean = mean;
        this.std = std;
    }

    /** @return CLIP's defaults (224, CLIP mean/std) */
    public static ClipImagePreprocessor clipDefaults() {
        return new ClipImagePreprocessor(224, 224, 224, 1 / 255.0, new float[] {0.48145466f, 0.4578275f, 0.40821073f},
                new float[] {0.26862954f, 0.26130258f, 0.27577711f});
    }

    /**
     * Reads {@code preprocessor_config.json}, or returns CLIP's defaults where the file is absent.
     * @param dir the model directory
     * @return the preprocessor
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
                    floats(c.getAsJsonArray("image_mean")), floats(c.getAsJsonArray("image_std")));
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
     * Preprocesses one image file.
     * @param file the image
     * @param manager where the arrays live (a PyTorch manager)
     * @return a float32 array [3, height, width]
     */
    public NDArray preprocess(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new SpliceInputException(file + ": no such image file");
        }
        Image image;
        try {
            image = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new SpliceInputException(file + ": not a readable image: " + e.getMessage(), e);
        }
        return preprocess(image, manager);
    }

    /**
     * Preprocesses an image.
     * @param image the image
     * @param manager where the arrays live
     * @return a float32 array [3, height, width]
     */
    public NDArray preprocess(Image image, NDManager manager) {
        NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR).toType(DataType.FLOAT32, false);
        int h = (int) hwc.getShape().get(0);
        int w = (int) hwc.getShape().get(1);
        int newH;
        int newW;
        if (w <= h) {
            newW = shortestEdge;
            newH = (int) ((long) shortestEdge * h / w);
        } else {
            newH = shortestEdge;
            newW = (int) ((long) shortestEdge * w / h);
        }
        NDArray resized = (newH == h && newW == w) ? hwc
                : NDImageUtils.resize(hwc, newW, newH, Image.Interpolation.BICUBIC).round().clip(0, 255);
        NDArray cropped = NDImageUtils.centerCrop(resized, cropWidth, cropHeight);
        NDArray chw = cropped.transpose(2, 0, 1).mul(rescale);
        NDArray m = manager.create(mean).reshape(3, 1, 1);
        NDArray s = manager.create(std).reshape(3, 1, 1);
        return chw.sub(m).div(s).toType(DataType.FLOAT32, false);
    }
}
