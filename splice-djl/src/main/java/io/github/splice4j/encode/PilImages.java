package io.github.splice4j.encode;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Images decoded and resized the way the Python reference's pipeline (PIL, then torchvision) does it, so that
 * the pixels a CLIP model sees match Python's:
 * <ul>
 *   <li>Decoding as PIL's {@code Image.open(f).convert("RGB")}: embedded colour profiles (ICC, Adobe RGB) are
 *   ignored, EXIF orientation is not applied, greyscale is replicated to R = G = B, an alpha channel is dropped
 *   (not composited), a palette is looked up. JPEG pixels are read without the colour conversion Java's reader
 *   would apply, and YCbCr is converted to RGB with libjpeg's integer arithmetic (the decoder PIL uses).
 *   16-bit PNG samples keep their high byte.</li>
 *   <li>Resizing as PIL's {@code Image.resize(size, BICUBIC)}: separable, antialiased (the bicubic kernel, a =
 *   −0.5, stretched by the scale when shrinking), horizontal pass first, coefficients in 22-bit fixed point
 *   and each pass rounded and clipped to 8 bits, exactly as Pillow computes it.</li>
 * </ul>
 */
public final class PilImages {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilImages() {
    }

    /**
     * Decodes an image file as PIL's {@code convert("RGB")} sees it.
     * @param file a JPEG, PNG, GIF or BMP file
     * @return its pixels
     * @throws SpliceInputException naming the file when it cannot be read or decoded
     */
    public static RgbImage decode(Path file) {
        InputFiles.requireReadable(file, "an image file");
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(file))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new SpliceInputException(file + ": not an image this reader knows (JPEG, PNG, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                if (reader.getFormatName().equalsIgnoreCase("jpeg")) {
                    return jpeg(reader, file);
                }
                return fromBuffered(reader.read(0), file);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SpliceInputException s) {
                throw s;
            }
            throw new SpliceInputException(file + ": not a readable image: " + (e instanceof IOException io
                    ? InputFiles.reason(io) : e.getMessage()), e);
        }
    }

    /** JPEG samples as stored (no colour management), converted from YCbCr as libjpeg does. */
    private static RgbImage jpeg(ImageReader reader, Path file) throws IOException {
        IIOMetadata meta = reader.getImageMetadata(0);
        Raster raster = reader.readRaster(0, null);
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        byte[] out = new byte[w * h * 3];
        int[] px = new int[bands];
        boolean ycc = bands == 3 && isYCbCr(meta);
        if (bands != 1 && bands != 3) {
            throw new SpliceInputException(file + ": a " + bands + "-channel (CMYK or YCCK) JPEG is not supported");
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x + raster.getMinX(), y + raster.getMinY(), px);
                int o = (y * w + x) * 3;
                if (bands == 1) {
                    out[o] = out[o + 1] = out[o + 2] = (byte) px[0];
                } else if (ycc) {
                    yccToRgb(px[0], px[1], px[2], out, o);
                } else {
                    out[o] = (byte) px[0];
                    out[o + 1] = (byte) px[1];
                    out[o + 2] = (byte) px[2];
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Whether a three-channel JPEG holds YCbCr (JFIF, or an Adobe marker with transform 1, or no marker). */
    private static boolean isYCbCr(IIOMetadata meta) {
        org.w3c.dom.Node root = meta.getAsTree("javax_imageio_jpeg_image_1.0");
        org.w3c.dom.NodeList adobe = ((org.w3c.dom.Element) root).getElementsByTagName("app14Adobe");
        if (adobe.getLength() > 0) {
            org.w3c.dom.Node t = adobe.item(0).getAttributes().getNamedItem("transform");
            return t == null || !"0".equals(t.getNodeValue());
        }
        return true;
    }

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        // libjpeg's jdcolor.c tables (identical in libjpeg-turbo)
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private static int fix(double v) {
        return (int) (v * (1L << SCALE_BITS) + 0.5);
    }

    private static void yccToRgb(int y, int cb, int cr, byte[] out, int o) {
        out[o] = (byte) clamp(y + CR_R[cr]);
        out[o + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
        out[o + 2] = (byte) clamp(y + CB_B[cb]);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** PNG, GIF, BMP: the stored samples, without colour management. */
    private static RgbImage fromBuffered(BufferedImage image, Path file) {
        if (image == null) {
            throw new SpliceInputException(file + ": not a readable image");
        }
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int bands = raster.getNumBands();
        int bits = cm.getComponentSize(0);
        int shift = cm instanceof IndexColorModel ? 0 : Math.max(0, bits - 8);
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, px);
                int o = (y * w + x) * 3;
                if (cm instanceof IndexColorModel icm) {
                    out[o] = (byte) icm.getRed(px[0]);
                    out[o + 1] = (byte) icm.getGreen(px[0]);
                    out[o + 2] = (byte) icm.getBlue(px[0]);
                } else if (bands <= 2) {           // L, or LA: alpha dropped
                    out[o] = out[o + 1] = out[o + 2] = (byte) (px[0] >> shift);
                } else {                            // RGB, or RGBA: alpha dropped
                    out[o] = (byte) (px[0] >> shift);
                    out[o + 1] = (byte) (px[1] >> shift);
                    out[o + 2] = (byte) (px[2] >> shift);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Resizes as PIL's {@code Image.resize((width, height), Image.BICUBIC)}.
     * @param image the image
     * @param width the new width
     * @param height the new height
     * @return the resized image
     */
    public static RgbImage resizeBicubic(RgbImage image, int width, int height) {
        RgbImage out = image;
        if (width != image.width()) {
            out = horizontal(out, width);
        }
        if (height != image.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    /** Pillow's precompute_coeffs and normalize_coeffs_8bpc: per output pixel, the first input and the weights. */
    private record Coefficients(int[] start, int[] count, int[][] weights) {
    }

    private static double bicubic(double x) {
        double a = -0.5;
        if (x < 0) {
            x = -x;
        }
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0;
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        double ss = 1.0 / filterScale;
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            double[] k = new double[xmax];
            double ww = 0;
            for (int x = 0; x < xmax; x++) {
                double w = bicubic((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            int[] fixed = new int[xmax];
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0 ? k[x] / ww : k[x];
                fixed[x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = xmax;
            weights[xx] = fixed;
        }
        return new Coefficients(start, count, weights);
    }

    private static int clip8(long in) {
        if (in >= 0) {
            long v = in >> PRECISION_BITS;
            return v >= 255 ? 255 : (int) v;
        }
        return 0;
    }

    private static RgbImage horizontal(RgbImage in, int outWidth) {
        Coefficients c = coefficients(in.width(), outWidth);
        int h = in.height();
        byte[] src = in.rgb();
        byte[] out = new byte[outWidth * h * 3];
        for (int y = 0; y < h; y++) {
            int row = y * in.width() * 3;
            for (int xx = 0; xx < outWidth; xx++) {
                int[] k = c.weights()[xx];
                int x0 = c.start()[xx];
                for (int ch = 0; ch < 3; ch++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int x = 0; x < k.length; x++) {
                        ss += (long) (src[row + (x0 + x) * 3 + ch] & 0xff) * k[x];
                    }
                    out[(y * outWidth + xx) * 3 + ch] = (byte) clip8(ss);
                }
            }
        }
        return new RgbImage(outWidth, h, out);
    }

    private static RgbImage vertical(RgbImage in, int outHeight) {
        Coefficients c = coefficients(in.height(), outHeight);
        int w = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[w * outHeight * 3];
        for (int yy = 0; yy < outHeight; yy++) {
            int[] k = c.weights()[yy];
            int y0 = c.start()[yy];
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    long ss = 1L << (PRECISION_BITS - 1);
                    for (int y = 0; y < k.length; y++) {
                        ss += (long) (src[((y0 + y) * w + x) * 3 + ch] & 0xff) * k[y];
                    }
                    out[(yy * w + x) * 3 + ch] = (byte) clip8(ss);
                }
            }
        }
        return new RgbImage(w, outHeight, out);
    }
}
