package io.github.splice4j.encode;

import io.github.splice4j.internal.FileDigests;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's exported CLIP, loaded through DJL from a local directory only:
 * <ul>
 *   <li>TorchScript (PyTorch engine): {@code clip.pt}, one module whose {@code encode_image} and
 *   {@code encode_text} methods are called by name, or {@code image.pt} and {@code text.pt}, two
 *   modules whose {@code forward} encodes;</li>
 *   <li>ONNX (ONNX Runtime engine), the Hugging Face export layout: {@code text_model.onnx}
 *   ({@code input_ids}, and {@code attention_mask} if the model takes it) and {@code vision_model.onnx}
 *   ({@code pixel_values}), or one {@code model.onnx} taking both.</li>
 * </ul>
 * The directory also holds the CLIP {@code tokenizer.json} (and {@code tokenizer_config.json}) and,
 * optionally, {@code preprocessor_config.json}. TorchScript runs on {@code Engine.defaultDevice()}
 * unless a device is given; images are decoded and preprocessed on the CPU as PIL and torchvision do ({@link ClipImagePreprocessor}).
 */
public final class DjlClipEncoder implements ClipEncoder {
    private static final int TEXT_BATCH = 64;
    private static final int IMAGE_BATCH = 16;

    private enum Layout { TORCHSCRIPT_ONE, TORCHSCRIPT_TWO, ONNX_TWO, ONNX_ONE }

    private final Path dir;
    private final Layout layout;
    private final String engine;
    private final ZooModel<NDList, NDList> textModel;
    private final ZooModel<NDList, NDList> imageModel;
    private final ClipTokenizer tokenizer;
    private final ClipImagePreprocessor preprocessor;
    private final String modelId;
    private final int dimension;

    private DjlClipEncoder(Path dir, Device device, ClipImagePreprocessor.CropRule cropRule) {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            throw SpliceInputException.forParameter("modelDirectory", "" + dir + " is not a directory");
        }
        Path pt = dir.resolve("clip.pt");
        Path textPt = dir.resolve("text.pt");
        Path imagePt = dir.resolve("image.pt");
        Path textOnnx = dir.resolve("text_model.onnx");
        Path visionOnnx = dir.resolve("vision_model.onnx");
        Path oneOnnx = dir.resolve("model.onnx");
        List<Path> files;
        if (Files.isRegularFile(pt)) {
            layout = Layout.TORCHSCRIPT_ONE;
            files = List.of(pt);
        } else if (Files.isRegularFile(textPt) && Files.isRegularFile(imagePt)) {
            layout = Layout.TORCHSCRIPT_TWO;
            files = List.of(textPt, imagePt);
        } else if (Files.isRegularFile(textOnnx) && Files.isRegularFile(visionOnnx)) {
            layout = Layout.ONNX_TWO;
            files = List.of(textOnnx, visionOnnx);
        } else if (Files.isRegularFile(oneOnnx)) {
            layout = Layout.ONNX_ONE;
            files = List.of(oneOnnx);
        } else {
            throw SpliceInputException.forParameter("modelDirectory", "" + dir + " holds no CLIP export: expected clip.pt, text.pt + image.pt, "
                    + "text_model.onnx + vision_model.onnx, or model.onnx");
        }
        this.engine = layout == Layout.TORCHSCRIPT_ONE || layout == Layout.TORCHSCRIPT_TWO ? "PyTorch" : "OnnxRuntime";
        Device d = device != null ? device : engine.equals("PyTorch") ? Engine.getEngine("PyTorch").defaultDevice() : Device.cpu();
        this.tokenizer = ClipTokenizer.load(dir);
        // TorchScript exports come from OpenAI CLIP / open_clip (torchvision's crop), ONNX ones from Hugging Face
        ClipImagePreprocessor.CropRule recorded = ClipImagePreprocessor.recordedCropRule(dir);
        ClipImagePreprocessor.CropRule rule = cropRule != null ? cropRule : recorded != null ? recorded
                : engine.equals("PyTorch") ? ClipImagePreprocessor.CropRule.TORCHVISION
                : ClipImagePreprocessor.CropRule.HUGGING_FACE;
        this.preprocessor = ClipImagePreprocessor.load(dir).withCropRule(rule);
        this.textModel = loadModel(files.get(0), d);
        this.imageModel = files.size() > 1 ? loadModel(files.get(1), d) : textModel;
        StringBuilder id = new StringBuilder("clip-" + dir.getFileName());
        for (Path f : files) {
            id.append('-').append(FileDigests.sha256(f), 0, 12);
        }
        this.modelId = id.toString();
        this.dimension = encodeTexts(List.of(""), ProgressListener.NONE)[0].length;
    }

    /**
     * Loads an export from a directory, on the engine's default device.
     * @param dir the directory
     * @return the encoder
     */
    public static DjlClipEncoder load(Path dir) {
        return new DjlClipEncoder(dir, null, null);
    }

    /**
     * Loads an export from a directory on a chosen device.
     * @param dir the directory
     * @param device the device (TorchScript) or null for the default
     * @return the encoder
     */
    public static DjlClipEncoder load(Path dir, Device device) {
        return new DjlClipEncoder(dir, device, null);
    }

    /**
     * Loads an export from a directory on a chosen device, with a chosen crop rule.
     * @param dir the directory
     * @param device the device (TorchScript) or null for the default
     * @param cropRule the crop rule, or null for the one the export recorded, else the layout's (torchvision for
     *     TorchScript, Hugging Face for ONNX)
     * @return the encoder
     */
    public static DjlClipEncoder load(Path dir, Device device, ClipImagePreprocessor.CropRule cropRule) {
        return new DjlClipEncoder(dir, device, cropRule);
    }

    private ZooModel<NDList, NDList> loadModel(Path file, Device device) {
        String name = file.getFileName().toString().replaceFirst("\\.(pt|onnx)$", "");
        try {
            return Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelPath(file.getParent()).optModelName(name).optEngine(engine).optDevice(device)
                    .optTranslator(new NoopTranslator()).build().loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new SpliceInputException(file + ": cannot load as a " + engine + " model: " + e.getMessage(), e);
        }
    }

    /** @return the tokenizer */
    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the image preprocessor */
    public ClipImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** @return which layout was found, e.g. {@code TORCHSCRIPT_ONE} */
    public String layout() {
        return layout.name();
    }

    @Override
    public double[][] encodeTexts(List<String> texts, ProgressListener progress) {
        double[][] out = new double[texts.size()][];
        for (int start = 0; start < texts.size(); start += TEXT_BATCH) {
            int end = Math.min(texts.size(), start + TEXT_BATCH);
            double[][] part = encodeTokens(tokenizer.encode(texts.subList(start, end)));
            System.arraycopy(part, 0, out, start, part.length);
            progress.progress(end, texts.size());
        }
        return out;
    }

    /**
     * Encodes token ids directly.
     * @param tokens one row of context-length ids per text
     * @return the text embeddings
     */
    public double[][] encodeTokens(long[][] tokens) {
        int b = tokens.length;
        int t = tokens[0].length;
        long[] flat = new long[b * t];
        long[] mask = new long[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(tokens[i], 0, flat, i * t, t);
            boolean ended = false;
            for (int k = 0; k < t; k++) {
                mask[i * t + k] = ended ? 0 : 1;
                ended |= tokens[i][k] == 49407L && k > 0;
            }
        }
        try (NDManager m = NDManager.newBaseManager(textModel.getNDManager().getDevice(), engine)) {
            NDList in = new NDList();
            NDArray ids = m.create(flat, new Shape(b, t));
            ids.setName("input_ids");
            in.add(ids);
            if (takes(textModel, "attention_mask")) {
                NDArray am = m.create(mask, new Shape(b, t));
                am.setName("attention_mask");
                in.add(am);
            }
            if (layout == Layout.ONNX_ONE) {
                in.add(named(m.zeros(new Shape(b, 3, preprocessor.height(), preprocessor.width()), DataType.FLOAT32),
                        "pixel_values"));
            }
            if (layout == Layout.TORCHSCRIPT_ONE) {
                in.add(named(m.create(""), "module_method:encode_text"));
            }
            return run(textModel, in, "text_embeds");
        }
    }

    @Override
    public double[][] encodeImages(List<Path> images, ProgressListener progress) {
        return encodeImages(images, false, progress).embeddings();
    }

    /**
     * Images encoded, and those skipped.
     * @param encoded the images encoded, in the order given
     * @param embeddings their embeddings, row for row
     * @param skipped each unreadable image with the reason (empty unless skipping was asked for)
     */
    public record EncodedImages(List<Path> encoded, double[][] embeddings, java.util.Map<Path, String> skipped) {
    }

    /**
     * Encodes image files: decoded and preprocessed in parallel (a batch at a time, on the common pool), encoded
     * in batches.
     * @param images the files
     * @param skipUnreadable skip an image that cannot be read or decoded (it is listed in the result) instead of
     *     failing
     * @param progress told how many images are done
     * @return the embeddings of the images encoded
     * @throws SpliceInputException naming the first unreadable image, unless skipping
     */
    public EncodedImages encodeImages(List<Path> images, boolean skipUnreadable, ProgressListener progress) {
        List<Path> kept = new ArrayList<>();
        List<double[]> out = new ArrayList<>();
        java.util.Map<Path, String> skipped = new java.util.LinkedHashMap<>();
        for (int start = 0; start < images.size(); start += IMAGE_BATCH) {
            int end = Math.min(images.size(), start + IMAGE_BATCH);
            List<Path> batch = images.subList(start, end);
            Object[] results = batch.parallelStream().map(p -> {
                try {
                    return (Object) preprocessor.preprocess(p);
                } catch (SpliceInputException e) {
                    return e;
                }
            }).toArray();
            List<float[]> pixels = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                if (results[i] instanceof SpliceInputException e) {
                    if (!skipUnreadable) {
                        throw e;
                    }
                    skipped.put(batch.get(i), e.getMessage());
                } else {
                    pixels.add((float[]) results[i]);
                    kept.add(batch.get(i));
                }
            }
            if (!pixels.isEmpty()) {
                out.addAll(List.of(encodePixels(pixels.toArray(new float[0][]))));
            }
            progress.progress(end, images.size());
        }
        return new EncodedImages(List.copyOf(kept), out.toArray(new double[0][]), skipped);
    }

    /**
     * Encodes preprocessed images directly.
     * @param pixels one [3, height, width] float array (channels first, flattened) per image
     * @return the image embeddings
     */
    public double[][] encodePixels(float[][] pixels) {
        int b = pixels.length;
        int h = preprocessor.height();
        int w = preprocessor.width();
        float[] flat = new float[b * 3 * h * w];
        for (int i = 0; i < b; i++) {
            if (pixels[i].length != 3 * h * w) {
                throw new SpliceInputException("image " + i + ": " + pixels[i].length + " values, expected 3 × " + h + " × " + w);
            }
            System.arraycopy(pixels[i], 0, flat, i * 3 * h * w, 3 * h * w);
        }
        try (NDManager m = NDManager.newBaseManager(imageModel.getNDManager().getDevice(), engine)) {
            NDList in = new NDList();
            if (layout == Layout.ONNX_ONE) {
                long[] tokens = new long[b * ClipTokenizer.CONTEXT_LENGTH];
                in.add(named(m.create(tokens, new Shape(b, ClipTokenizer.CONTEXT_LENGTH)), "input_ids"));
            }
            in.add(named(m.create(flat, new Shape(b, 3, h, w)), "pixel_values"));
            if (layout == Layout.TORCHSCRIPT_ONE) {
                in.add(named(m.create(""), "module_method:encode_image"));
            }
            return run(imageModel, in, "image_embeds");
        }
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    private static boolean takes(ZooModel<NDList, NDList> model, String input) {
        PairList<String, Shape> inputs = model.describeInput();
        return inputs != null && inputs.keys().contains(input);
    }

    private double[][] run(ZooModel<NDList, NDList> model, NDList in, String preferredOutput) {
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList result = predictor.predict(in);
            NDArray out = result.get(0);
            for (NDArray a : result) {
                if (preferredOutput.equals(a.getName())) {
                    out = a;
                }
            }
            long[] shape = out.getShape().getShape();
            float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
            int rows = (int) shape[0];
            int cols = values.length / rows;
            double[][] emb = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    emb[i][j] = values[i * cols + j];
                }
            }
            return emb;
        } catch (TranslateException e) {
            throw new IllegalStateException(dir + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        if (imageModel != textModel) {
            imageModel.close();
        }
        textModel.close();
        tokenizer.close();
    }
}
