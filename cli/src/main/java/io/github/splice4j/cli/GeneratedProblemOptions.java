package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.testkit.ClipLikeProblem;
import picocli.CommandLine.Option;

import java.util.stream.IntStream;

/** The options of a generated CLIP-like problem, shared by {@code bench} and {@code generate}. */
final class GeneratedProblemOptions {
    @Option(names = "--concepts", defaultValue = "10000",
            description = "Concepts c: the last c of laion, or generated names past 37,445 (default ${DEFAULT-VALUE}).")
    int concepts;

    @Option(names = "--dim", defaultValue = "512", description = "Dimension d: 512 or 1024 (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--n", defaultValue = "2000", description = "Image embeddings (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--noise", defaultValue = "0.8",
            description = "Noise norm relative to the concept mixture of each image (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    /**
     * A generated problem with everything the commands need from it.
     *
     * @param vocabulary the concept names
     * @param mean the bundled image mean of the dimension
     * @param problem the generator's output (planted concepts)
     * @param rawConcepts the raw concept embeddings (rounded to float if asked)
     * @param images the raw image embeddings (rounded to float if asked)
     * @param dictionary the normalised, centred dictionary of {@code rawConcepts}
     * @param targets the centred, normalised images: the solver's targets
     */
    record Generated(ConceptVocabulary vocabulary, EmbeddingMean mean, ClipLikeProblem problem, double[][] rawConcepts,
                     double[][] images, ConceptDictionary dictionary, double[][] targets) {
    }

    /**
     * Generates the problem.
     * @param roundToFloat whether the raw embeddings are first rounded to float32 (as a float32 file holds them)
     * @return the problem
     */
    Generated generate(boolean roundToFloat) {
        Checks.positive("--n", n);
        Checks.positive("--concepts", concepts);
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new SpliceInputException("--noise: must be a finite number ≥ 0, got " + noise);
        }
        EmbeddingMean mean = EmbeddingMean.bundledForDimension(dim);
        System.err.printf("generating a CLIP-like problem: c = %d, d = %d, n = %d, noise %s, seed %d%n",
                concepts, dim, n, noise, seed);
        ClipLikeProblem problem = ClipLikeProblem.generate(concepts, n, mean, 3, 12, noise, seed);
        ConceptVocabulary vocabulary = concepts <= 37_445 ? ConceptVocabulary.bundled("laion", concepts)
                : ConceptVocabulary.of("generated", IntStream.range(0, concepts).mapToObj(i -> "concept " + i).toList());
        double[][] raw = problem.rawConcepts();
        double[][] images = problem.images();
        if (roundToFloat) {
            roundToFloat(raw);
            roundToFloat(images);
        }
        ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw, "generated");
        Decomposer centring = new Decomposer(dictionary, mean, 1, WorkingSetLassoSolver.create());
        double[][] targets = new double[n][];
        for (int i = 0; i < n; i++) {
            targets[i] = centring.centre(images[i]);
        }
        return new Generated(vocabulary, mean, problem, raw, images, dictionary, targets);
    }

    private static void roundToFloat(double[][] a) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) row[j];
            }
        }
    }
}
