package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code splice generate}: write a generated CLIP-like problem whose answer is known. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a generated CLIP-like problem to a directory: concepts.npy (raw concept embeddings, one per",
                "laion concept), images.npy (raw image embeddings), D.npy and Z.npy (the centred, normalised",
                "dictionary and targets, for 'splice solve') and planted.csv (the concepts each image was made of)."})
final class GenerateCommand implements Runnable {
    @Mixin
    GeneratedProblemOptions generated;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64 (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public void run() {
        NpyDType type = switch (dtype) {
            case "float32" -> NpyDType.FLOAT32;
            case "float64" -> NpyDType.FLOAT64;
            default -> throw new SpliceInputException("--dtype: expected float32 or float64, got '" + dtype + "'");
        };
        // D and Z are what the decomposer solves for the (possibly rounded) raw embeddings written
        GeneratedProblemOptions.Generated g = generated.generate(type == NpyDType.FLOAT32);
        int concepts = generated.concepts;
        int n = generated.n;
        double[][] d = new double[concepts][];
        for (int i = 0; i < concepts; i++) {
            d[i] = g.dictionary().matrix().row(i);
        }
        try (OutputTransaction tx = new OutputTransaction()) {
            Path dir = tx.directory(out, "--out");
            write(dir, g, d, type, n);
            tx.commit();
        }
        System.err.println("wrote " + out + ": concepts.npy (" + concepts + " × " + generated.dim + "), images.npy (" + n
                + " × " + generated.dim + "), D.npy, Z.npy, planted.csv; vocabulary " + g.vocabulary().source()
                + ", mean " + g.mean().name());
    }

    private static void write(Path dir, GeneratedProblemOptions.Generated g, double[][] d, NpyDType type, int n) {
        Npy.write(dir.resolve("concepts.npy"), g.rawConcepts(), type);
        Npy.write(dir.resolve("images.npy"), g.images(), type);
        Npy.write(dir.resolve("D.npy"), d, type);
        Npy.write(dir.resolve("Z.npy"), g.targets(), type);
        try (OutputFile planted = new OutputFile(dir.resolve("planted.csv"), "--out")) {
            planted.writer().println("row,concepts");
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int c : g.problem().planted(i)) {
                    sb.append(sb.length() == 0 ? "" : ";").append(g.vocabulary().name(c));
                }
                planted.writer().println(i + ",\"" + sb.toString().replace("\"", "\"\"") + "\"");
            }
            planted.commit();
        }
    }
}
