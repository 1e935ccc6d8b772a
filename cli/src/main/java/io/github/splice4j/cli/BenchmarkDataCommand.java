package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.eval.SyntheticBenchmarks;
import io.github.splice4j.eval.TextWaterbirds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code splice benchmark-data}: small benchmark look-alikes in the real file formats. */
@Command(name = "benchmark-data", mixinStandardHelpOptions = true,
        description = {"Write a small benchmark in a real file format to try 'splice eval' on:",
                "  waterbirds       metadata.csv + concepts.npy + embeddings.npy(.txt): generated CLIP-like, planted backgrounds",
                "  celeba           list_attr_celeba.txt + list_eval_partition.txt + concepts.npy + embeddings.npy",
                "  text-waterbirds  metadata.csv + captions.txt: real bird species and scenes, for --encoder minilm"})
final class BenchmarkDataCommand implements Runnable {
    @Parameters(index = "0", description = "waterbirds, celeba or text-waterbirds")
    String kind;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--full", description = "waterbirds and celeba at the real datasets' size: Waterbirds' 11,788 images "
            + "with its group sizes; CelebA's 202,599 images, its 162,770/19,867/19,962 partition, 40 attributes and 10,000 "
            + "concepts (about 420 MB).")
    boolean full;

    @Override
    public void run() {
        if (!java.util.Set.of("waterbirds", "celeba", "text-waterbirds").contains(kind)) {
            throw new SpliceInputException("kind: waterbirds, celeba or text-waterbirds, got '" + kind + "'");
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            write(tx.directory(out, "--out"));
            tx.commit();
        }
        System.err.println("wrote " + kind + " to " + out + (kind.equals("text-waterbirds") ? "" : "; vocabulary "
                + (full && kind.equals("celeba") ? SyntheticBenchmarks.FULL_VOCABULARY : SyntheticBenchmarks.VOCABULARY)
                + ", mean " + SyntheticBenchmarks.MEAN + "; embeddings in the labels' row order, named in embeddings.npy.txt"));
    }

    private void write(Path out) {
        switch (kind) {
            case "waterbirds" -> SyntheticBenchmarks.writeWaterbirds(out, seed, full);
            case "celeba" -> {
                if (full) {
                    SyntheticBenchmarks.writeCelebAFull(out, seed, new StderrProgress("benchmark-data"));
                } else {
                    SyntheticBenchmarks.writeCelebA(out, seed);
                }
            }
            case "text-waterbirds" -> TextWaterbirds.write(out, 5, 60, seed);
            default -> throw new IllegalStateException(kind);
        }
    }
}
