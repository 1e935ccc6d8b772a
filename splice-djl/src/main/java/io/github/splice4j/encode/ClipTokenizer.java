package io.github.splice4j.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CLIP's tokenizer from a Hugging Face {@code tokenizer.json} (byte-level BPE, lower-casing
 * normaliser, {@code <|startoftext|>} 49406 and {@code <|endoftext|>} 49407 added around the text),
 * every sequence truncated to the context length (keeping the end-of-text token last) and padded with
 * the pad token of {@code tokenizer_config.json} (CLIP's is {@code <|endoftext|>}).
 */
public final class ClipTokenizer implements AutoCloseable {
    /** CLIP's context length. */
    public static final int CONTEXT_LENGTH = 77;
    private final HuggingFaceTokenizer tokenizer;
    private final long padId;
    private final long eotId;
    private final int contextLength;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, long padId, long eotId, int contextLength) {
        this.tokenizer = tokenizer;
        this.padId = padId;
        this.eotId = eotId;
        this.contextLength = contextLength;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json}, if present, for the pad and
     * end-of-text tokens and the context length) from a directory.
     * @param dir the model directory
     * @return the tokenizer
     */
    public static ClipTokenizer load(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
            throw new SpliceInputException(json + ": no such file (a Hugging Face tokenizer.json is required)");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(json,
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true"));
            JsonObject vocab = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8))
                    .getAsJsonObject().getAsJsonObject("model").getAsJsonObject("vocab");
            String pad = "<|endoftext|>";
            String eot = "<|endoftext|>";
            int context = CONTEXT_LENGTH;
            Path config = dir.resolve("tokenizer_config.json");
            if (Files.isRegularFile(config)) {
                JsonObject c = JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8)).getAsJsonObject();
                pad = c.has("pad_token") && c.get("pad_token").isJsonPrimitive() ? c.get("pad_token").getAsString() : pad;
                eot = c.has("eos_token") && c.get("eos_token").isJsonPrimitive() ? c.get("eos_token").getAsString() : eot;
                context = c.has("model_max_length") && c.get("model_max_length").getAsDouble() < 1e6
                        ? c.get("model_max_length").getAsInt() : context;
            }
            if (!vocab.has(pad) || !vocab.has(eot)) {
                throw new SpliceInputException(json + ": the vocabulary has no token '" + (vocab.has(pad) ? eot : pad) + "'");
            }
            return new ClipTokenizer(t, vocab.get(pad).getAsLong(), vocab.get(eot).getAsLong(), context);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpliceInputException s) {
                throw s;
            }
            throw new SpliceInputException(json + ": cannot load the tokenizer: " + e.getMessage(), e);
        }
    }

    /** @return the context length (77 for CLIP) */
    public int contextLength() {
        return contextLength;
    }

    /**
     * Tokenises one text.
     * @param text the text
     * @return its ids, exactly {@link #contextLength()} of them
     */
    public long[] encode(String text) {
        return encode(List.of(text))[0];
    }

    /**
     * Tokenises texts.
     * @param texts the texts
     * @return one row of {@link #contextLength()} ids per text
     */
    public long[][] encode(List<String> texts) {
        Encoding[] enc = tokenizer.batchEncode(texts);
        long[][] out = new long[texts.size()][contextLength];
        for (int i = 0; i < enc.length; i++) {
            long[] ids = enc[i].getIds();
            int n = Math.min(ids.length, contextLength);
            System.arraycopy(ids, 0, out[i], 0, n);
            if (ids.length > contextLength) {
                out[i][contextLength - 1] = eotId;
            }
            for (int k = n; k < contextLength; k++) {
                out[i][k] = padId;
            }
        }
        return out;
    }

    /** @return the unpadded ids of a text (for inspection) */
    long[] rawIds(String text) {
        return tokenizer.encode(text).getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
