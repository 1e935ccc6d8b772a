package io.github.splice4j.encode;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLIP encoder paths end to end on CPU, on the tiny CLIP-shaped model made by
 * {@code scripts/make-tiny-clip.py} (random weights, CLIP's interfaces) with reference outputs from
 * PyTorch, and the real CLIP ViT-B/32 tokenizer.
 */
class ClipEncoderTest {
    @TempDir
    Path tmp;

    static Path tiny() {
        try {
            return Path.of(ClipEncoderTest.class.getResource("/io/github/splice4j/tinyclip").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static long[][] refTokens() {
        double[][] t = Npy.readMatrix(tiny().resolve("ref_tokens.npy"));
        return Arrays.stream(t).map(r -> Arrays.stream(r).mapToLong(v -> (long) v).toArray()).toArray(long[][]::new);
    }

    static float[][] refPixels() {
        double[][] p = Npy.readMatrix(tiny().resolve("ref_pixels.npy"));
        float[][] out = new float[p.length][p[0].length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p[i].length; j++) {
                out[i][j] = (float) p[i][j];
            }
        }
        return out;
    }

    static void assertClose(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 2e-5, "row " + i);
        }
    }

    @Test
    void clipTokenizerMatchesClip() {
        try (ClipTokenizer t = ClipTokenizer.load(tiny())) {
            long[] ids = t.encode("a photo of a cat");
            assertArrayEquals(new long[] {49406, 320, 1125, 539, 320, 2368, 49407}, Arrays.copyOf(ids, 7));
            assertEquals(77, ids.length);
            assertEquals(49407, ids[76]);
            assertArrayEquals(ids, t.encode("A Photo of a CAT"));
            long[] longOne = t.encode("word ".repeat(200));
            assertEquals(77, longOne.length);
            assertEquals(49406, longOne[0]);
            assertEquals(49407, longOne[76]);
        }
    }

    @Test
    void torchScriptModuleWithNamedMethodsMatchesPyTorch() {
        try (DjlClipEncoder enc = DjlClipEncoder.load(tiny(), Device.cpu())) {
            assertEquals("TORCHSCRIPT_ONE", enc.layout());
            assertEquals(32, enc.dimension());
            double[][] refText = Npy.readMatrix(tiny().resolve("ref_text.npy"));
            assertClose(refText, enc.encodeTokens(refTokens()));
            assertClose(Npy.readMatrix(tiny().resolve("ref_image.npy")), enc.encodePixels(refPixels()));
            // tokenising the text gives the reference's first row
            assertClose(new double[][] {refText[0]}, enc.encodeTexts(List.of("a photo of a cat"), ProgressListener.NONE));
            assertTrue(enc.modelId().startsWith("clip-tinyclip-"));
        }
    }

    @Test
    void onnxExportLayoutMatchesPyTorch() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("onnx-clip"));
        for (String f : List.of("text_model.onnx", "vision_model.onnx", "tokenizer.json", "tokenizer_config.json",
                "preprocessor_config.json")) {
            Files.copy(tiny().resolve(f), dir.resolve(f));
        }
        try (DjlClipEncoder enc = DjlClipEncoder.load(dir)) {
            assertEquals("ONNX_TWO", enc.layout());
            assertClose(Npy.readMatrix(tiny().resolve("ref_text.npy")), enc.encodeTokens(refTokens()));
            assertClose(Npy.readMatrix(tiny().resolve("ref_image.npy")), enc.encodePixels(refPixels()));
        }
    }

    @Test
    void twoTorchScriptModulesAndOneOnnxModelMatchPyTorch() throws IOException {
        for (String layout : List.of("two-modules", "one-onnx")) {
            Path dir = Files.createDirectory(tmp.resolve(layout));
            try (var files = Files.list(tiny().resolve(layout))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.copy(tiny().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            try (DjlClipEncoder enc = DjlClipEncoder.load(dir, Device.cpu())) {
                assertEquals(layout.equals("two-modules") ? "TORCHSCRIPT_TWO" : "ONNX_ONE", enc.layout());
                assertClose(Npy.readMatrix(tiny().resolve("ref_text.npy")), enc.encodeTokens(refTokens()));
                assertClose(Npy.readMatrix(tiny().resolve("ref_image.npy")), enc.encodePixels(refPixels()));
            }
        }
    }

    private Path image(String name, int w, int h, java.util.function.Consumer<Graphics2D> paint) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        paint.accept(g);
        g.dispose();
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void preprocessingResizesCropsAndNormalisesLikeClip() throws IOException {
        ClipImagePreprocessor pre = ClipImagePreprocessor.load(tiny());
        Path solid = image("solid.png", 300, 200, g -> {
            g.setColor(new Color(200, 100, 50));
            g.fillRect(0, 0, 300, 200);
        });
        // a 448 × 224 image, black left and white right: the centre crop keeps columns 112..335
        Path halves = image("halves.png", 448, 224, g -> {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, 224, 224);
            g.setColor(Color.WHITE);
            g.fillRect(224, 0, 224, 224);
        });
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = pre.preprocess(solid, m);
            assertArrayEquals(new long[] {3, 224, 224}, a.getShape().getShape());
            float[] v = a.toFloatArray();
            float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
            float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
            int[] rgb = {200, 100, 50};
            for (int c = 0; c < 3; c++) {
                assertEquals((rgb[c] / 255.0 - mean[c]) / std[c], v[c * 224 * 224 + 100 * 224 + 100], 1e-4);
            }
            float[] h = pre.preprocess(halves, m).toFloatArray();
            assertEquals((0 - mean[0]) / std[0], h[100 * 224 + 50], 1e-4);
            assertEquals((1 - mean[0]) / std[0], h[100 * 224 + 170], 1e-4);
        }
        try (DjlClipEncoder enc = DjlClipEncoder.load(tiny(), Device.cpu())) {
            double[][] e = enc.encodeImages(List.of(solid, halves), ProgressListener.NONE);
            assertEquals(2, e.length);
            assertEquals(32, e[0].length);
        }
    }

    @Test
    void missingOrWrongFilesAreNamed() throws IOException {
        assertTrue(assertThrows(SpliceInputException.class, () -> DjlClipEncoder.load(tmp.resolve("nope")))
                .getMessage().contains("is not a directory"));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertTrue(assertThrows(SpliceInputException.class, () -> DjlClipEncoder.load(empty))
                .getMessage().contains("holds no CLIP export"));
        Path noTok = Files.createDirectory(tmp.resolve("notok"));
        Files.copy(tiny().resolve("clip.pt"), noTok.resolve("clip.pt"));
        assertTrue(assertThrows(SpliceInputException.class, () -> DjlClipEncoder.load(noTok))
                .getMessage().contains("tokenizer.json"));
        Path broken = Files.createDirectory(tmp.resolve("broken"));
        Files.writeString(broken.resolve("clip.pt"), "not a model");
        Files.copy(tiny().resolve("tokenizer.json"), broken.resolve("tokenizer.json"));
        assertTrue(assertThrows(SpliceInputException.class, () -> DjlClipEncoder.load(broken))
                .getMessage().contains("cannot load"));
    }
}
