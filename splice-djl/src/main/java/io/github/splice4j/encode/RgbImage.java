package io.github.splice4j.encode;

/**
 * An 8-bit RGB image, row by row, three bytes (R, G, B) per pixel: what PIL's {@code convert("RGB")} holds.
 * @param width the width
 * @param height the height
 * @param rgb the pixels, {@code (y * width + x) * 3 + channel}, unsigned
 */
public record RgbImage(int width, int height, byte[] rgb) {
    /**
     * @throws IllegalArgumentException unless {@code rgb} holds exactly {@code width × height × 3} values
     */
    public RgbImage {
        if (width < 1 || height < 1 || (long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("an RGB image of " + width + " × " + height + " needs "
                    + (long) width * height * 3 + " values, got " + rgb.length);
        }
    }

    /**
     * @param x column
     * @param y row
     * @param channel 0, 1 or 2
     * @return the value, 0–255
     */
    public int get(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xff;
    }

    /**
     * @param left the first column
     * @param top the first row
     * @param w the width
     * @param h the height
     * @return the region (which must lie inside the image)
     */
    public RgbImage crop(int left, int top, int w, int h) {
        if (left < 0 || top < 0 || left + w > width || top + h > height) {
            throw new IllegalArgumentException("crop " + w + " × " + h + " at (" + left + ", " + top + ") outside "
                    + width + " × " + height);
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }
}
