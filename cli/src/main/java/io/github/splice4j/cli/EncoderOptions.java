package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.encode.MiniLmTextEncoder;
import io.github.splice4j.encode.TextEncoder;
import picocli.CommandLine.Option;

/** Which text encoder to load: the bundled MiniLM model, or (for CLIP exports) a model directory. */
final class EncoderOptions {
    @Option(names = "--encoder", description = "A bundled text encoder: minilm (all-MiniLM-L6-v2, a real model that "
            + "stands in for CLIP's text encoder).")
    String encoder;

    boolean present() {
        return encoder != null;
    }

    TextEncoder openText() {
        if (encoder == null) {
            throw new SpliceInputException("--encoder: required here (minilm)");
        }
        if (!encoder.equals("minilm")) {
            throw new SpliceInputException("--encoder: unknown encoder '" + encoder + "' (minilm)");
        }
        return MiniLmTextEncoder.bundled();
    }
}
