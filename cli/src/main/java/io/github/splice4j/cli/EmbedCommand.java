package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.encode.DjlClipEncoder;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** {@code splice embed}: image embeddings from a user's CLIP export. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Encode images with a CLIP export (--model DIR) into embeddings (n × dim, float32), in batches",
                "with progress. --images takes a directory (its .jpg/.jpeg/.png/.bmp/.gif files, sorted by name) or a",
                "text file with one image path per line; the row order is written to <out>.txt."})
final class EmbedCommand implements Runnable {
    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--images", required = true, description = "A directory of images or a list file.")
    Path images;

    @Option(names = "--out", required = true, description = "Output .npy.")
    Path out;

    @Option(names = "--dump-pixels", description = "Also write each image's preprocessed pixels (after decoding, "
            + "resizing and cropping; 0–255, before rescaling) to DIR/<image name>.npy, 224 × 672 float16 (rows of "
            + "R,G,B), to compare with Python: np.load(f).reshape(224, 224, 3).")
    Path dumpPixels;

    @Option(names = "--skip-unreadable", description = "Skip images that cannot be read or decoded (listed on standard "
            + "error and in <out>.skipped.txt) instead of stopping at the first.")
    boolean skipUnreadable;

    @Override
    public void run() {
        List<Path> files = list(images);
        try (OutputTransaction tx = new OutputTransaction(); DjlClipEncoder encoder = encoderOptions.openClip()) {
            Path stagedX = tx.file(out, "--out");
            Path stagedNames = tx.file(Path.of(out + ".txt"), "--out");
            Path stagedSkipped = skipUnreadable ? tx.file(Path.of(out + ".skipped.txt"), "--out") : null;
            Path pixelsDir = dumpPixels == null ? null : tx.directory(dumpPixels, "--dump-pixels");
            DjlClipEncoder.EncodedImages encoded = encoder.encodeImages(files, skipUnreadable, new StderrProgress("embed"));
            double[][] x = encoded.embeddings();
            if (x.length == 0) {
                throw new SpliceInputException("--images: none of the " + files.size() + " images could be read");
            }
            encoded.skipped().forEach((f, why) -> System.err.println("skipped " + why));
            if (stagedSkipped != null) {
                try (OutputFile skipped = new OutputFile(stagedSkipped, "--out")) {
                    encoded.skipped().forEach((f, why) -> skipped.writer().println(f + "\t" + why));
                    skipped.commit();
                }
            }
            if (pixelsDir != null) {
                dump(encoder, encoded.encoded(), pixelsDir);
            }
            try (NpyWriter w = NpyWriter.create(stagedX, NpyDType.FLOAT32, x.length, encoder.dimension());
                 OutputFile order = new OutputFile(stagedNames, "--out")) {
                for (double[] row : x) {
                    w.writeRow(row);
                }
                encoded.encoded().forEach(f -> order.writer().println(f));
                w.commit();
                order.commit();
            }
            tx.commit();
            System.out.println(Json.line(Json.object("n", x.length, "dim", encoder.dimension(), "model", encoder.modelId(),
                    "layout", encoder.layout(), "crop", encoder.preprocessor().cropRule().name().toLowerCase(Locale.ROOT),
                    "skipped", encoded.skipped().size(), "out", out.toString())));
        }
    }

    /** Each image's cropped pixels, 224 × 672 float16 (exact for 0–255), named after the image. */
    private static void dump(DjlClipEncoder encoder, List<Path> files, Path dir) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "-" + k;
            }
            io.github.splice4j.encode.RgbImage px = encoder.preprocessor().pixels(io.github.splice4j.encode.PilImages.decode(f));
            try (NpyWriter w = NpyWriter.create(dir.resolve(unique + ".npy"), NpyDType.FLOAT16, px.height(), px.width() * 3)) {
                double[] row = new double[px.width() * 3];
                for (int y = 0; y < px.height(); y++) {
                    for (int x = 0; x < px.width(); x++) {
                        for (int c = 0; c < 3; c++) {
                            row[x * 3 + c] = px.get(x, y, c);
                        }
                    }
                    w.writeRow(row);
                }
                w.commit();
            }
        }
    }

    static List<Path> list(Path images) {
        if (Files.isDirectory(images)) {
            try (Stream<Path> s = Files.list(images)) {
                List<Path> files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(".*\\.(jpe?g|png|bmp|gif)$")).sorted().toList();
                if (files.isEmpty()) {
                    throw new SpliceInputException("--images: " + images + " holds no .jpg/.jpeg/.png/.bmp/.gif files");
                }
                return files;
            } catch (IOException e) {
                throw new SpliceInputException("--images: cannot list " + images + ": " + e.getMessage(), e);
            }
        }
        List<Path> files = TextFiles.nonBlankLines(images, "--images").stream().map(Path::of).toList();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new SpliceInputException("--images: " + images + " lists " + f + ", which does not exist");
            }
        }
        return files;
    }
}
