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

    @Override
    public void run() {
        List<Path> files = list(images);
        try (OutputTransaction tx = new OutputTransaction(); DjlClipEncoder encoder = encoderOptions.openClip()) {
            Path stagedX = tx.file(out, "--out");
            Path stagedNames = tx.file(Path.of(out + ".txt"), "--out");
            double[][] x = encoder.encodeImages(files, new StderrProgress("embed"));
            try (NpyWriter w = NpyWriter.create(stagedX, NpyDType.FLOAT32, x.length, encoder.dimension());
                 OutputFile order = new OutputFile(stagedNames, "--out")) {
                for (double[] row : x) {
                    w.writeRow(row);
                }
                files.forEach(f -> order.writer().println(f));
                w.commit();
                order.commit();
            }
            tx.commit();
            System.out.println(Json.line(Json.object("n", x.length, "dim", encoder.dimension(), "model", encoder.modelId(),
                    "layout", encoder.layout(), "out", out.toString())));
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
