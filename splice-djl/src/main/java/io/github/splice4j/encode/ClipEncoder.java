package io.github.splice4j.encode;

/** A CLIP model: images and texts into one embedding space. */
public interface ClipEncoder extends TextEncoder, ImageEncoder {
    @Override
    void close();
}
