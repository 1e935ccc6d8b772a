package io.github.splice4j.cli;

import ai.djl.Device;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.encode.ClipImagePreprocessor;
import io.github.splice4j.encode.DjlClipEncoder;
import io.github.splice4j.encode.MiniLmTextEncoder;
import io.github.splice4j.encode.TextEncoder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which encoder to load: the bundled MiniLM text model, or a user's CLIP export directory. */
final class EncoderOptions {
    @Option(names = "--encoder", description = "A bundled text encoder: minilm (all-MiniLM-L6-v2, a real model that "
            + "stands in for CLIP's text encoder).")
    String encoder;

    @Option(names = "--model", description = "A CLIP export directory: clip.pt, text.pt + image.pt, text_model.onnx + "
            + "vision_model.onnx or model.onnx, with tokenizer.json (and preprocessor_config.json).")
    Path model;

    @Option(names = "--crop", description = "The centre-crop rule of the pipeline the --model comes from: torchvision "
            + "(OpenAI CLIP, open_clip: offset round((n − 224)/2), half to even) or huggingface (offset (n − 224)//2) "
            + "(default: what the export recorded, else torchvision for TorchScript and huggingface for ONNX).")
    String crop;

    @Option(names = "--model-device", description = "Device for a TorchScript --model: cpu, gpu, gpu0 … (default: DJL's default).")
    String device;

    boolean present() {
        return encoder != null || model != null;
    }

    TextEncoder openText() {
        if (model != null) {
            return openClip();
        }
        if (encoder == null) {
            throw new SpliceInputException("--encoder or --model: one is required here");
        }
        if (!encoder.equals("minilm")) {
            throw new SpliceInputException("--encoder: unknown encoder '" + encoder + "' (minilm)");
        }
        return MiniLmTextEncoder.bundled();
    }

    DjlClipEncoder openClip() {
        if (encoder != null) {
            throw new SpliceInputException("--encoder and --model: give one of them");
        }
        if (model == null) {
            throw new SpliceInputException("--model: a CLIP export directory is required");
        }
        Device d = null;
        if (device != null) {
            try {
                d = device.equals("gpu") ? Device.gpu() : Device.fromName(device);
            } catch (RuntimeException e) {
                throw new SpliceInputException("--model-device: unknown device '" + device + "'", e);
            }
        }
        return DjlClipEncoder.load(model, d,
                crop == null ? null : ParameterFlags.as("--crop", () -> ClipImagePreprocessor.CropRule.parse(crop)));
    }
}
