package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.synthetic.ClipLikeProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code splice generate}: write a generated CLIP-like problem whose answer is known. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a generated CLIP-like problem to a directory: concepts.npy (raw concept embeddings, one per",
                "laion concept), images.npy (raw image embeddings), D.npy and Z.npy (the centred, normalised",
                "dictionary and targets, for 'splice solve') and planted.csv (the concepts each image was made of)."})
final class GenerateCommand implements Runnable {
    @Option(names = "--concepts", defaultValue = "10000", description = "Concepts, the last of laion (default ${DEFAULT-VALUE}).")
    int concepts;

    @Option(names = "--dim", defaultValue = "512", description = "Dimension: 512 or 1024 (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--n", defaultValue = "100", description = "Image embeddings (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--noise", defaultValue = "0.8", description = "Noise norm relative to the concept mixture (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 or float64 (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--out", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public void run() {
        Checks.positive("--n", n);
        NpyDType type = switch (dtype) {
            case "float32" -> NpyDType.FLOAT32;
            case "float64" -> NpyDType.FLOAT64;
            default -> throw new SpliceInputException("--dtype: expected float32 or float64, got '" + dtype + "'");
        };
        if (concepts < 2 || concepts > 37_445) {
            throw new SpliceInputException("--concepts: between 2 and 37445 (the laion vocabulary), got " + concepts);
        }
        EmbeddingMean mean = EmbeddingMean.bundledForDimension(dim);
        ConceptVocabulary vocabulary = ConceptVocabulary.bundled("laion", concepts);
        ClipLikeProblem problem = ClipLikeProblem.generate(concepts, n, mean, 3, 12, noise, seed);
        double[][] raw = problem.rawConcepts();
        double[][] images = problem.images();
        if (type == NpyDType.FLOAT32) {
            roundToFloat(raw);
            roundToFloat(images);
        }
        // D and Z are what the decomposer would solve for these (possibly rounded) inputs
        ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw, "generated");
        Decomposer decomposer = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        double[][] d = new double[concepts][];
        for (int i = 0; i < concepts; i++) {
            d[i] = dictionary.matrix().row(i);
        }
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = decomposer.centre(images[i]);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new SpliceInputException("--out: cannot create " + out + ": " + e.getMessage(), e);
        }
        Npy.write(out.resolve("concepts.npy"), raw, type);
        Npy.write(out.resolve("images.npy"), images, type);
        Npy.write(out.resolve("D.npy"), d, type);
        Npy.write(out.resolve("Z.npy"), z, type);
        try (OutputFile planted = new OutputFile(out.resolve("planted.csv"), "--out")) {
            planted.writer().println("row,concepts");
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int c : problem.planted(i)) {
                    sb.append(sb.length() == 0 ? "" : ";").append(vocabulary.name(c));
                }
                planted.writer().println(i + ",\"" + sb.toString().replace("\"", "\"\"") + "\"");
            }
            planted.commit();
        }
        System.err.println("wrote " + out + ": concepts.npy (" + concepts + " × " + dim + "), images.npy (" + n + " × " + dim
                + "), D.npy, Z.npy, planted.csv; vocabulary laion --vocab-size " + concepts + ", mean " + mean.name());
    }

    private static void roundToFloat(double[][] a) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) row[j];
            }
        }
    }
}
