package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.synthetic.ClipLikeProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code splice demo}: SpLiCE on bundled data. A CLIP-like concept dictionary is generated for the
 * laion vocabulary (the concept embeddings are synthetic; the names, the image mean and the pipeline
 * are real), image embeddings are composed from chosen concepts, and the decomposition recovers them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"SpLiCE on bundled data: decompose image embeddings made from known laion concepts",
                "(synthetic CLIP-like concept embeddings, the real clip:ViT-B-32 image mean) and print the",
                "recovered concepts next to the truth."})
final class DemoCommand implements Runnable {
    private static final List<Map<String, Double>> SCENES = List.of(
            scene("bamboo", 0.9, "forest", 0.7, "bird", 0.6),
            scene("woman", 0.9, "glasses", 0.7, "smile", 0.5),
            scene("motorbike", 0.8, "police", 0.7, "britain", 0.6),
            scene("beach", 0.9, "sunset", 0.6, "palm", 0.5, "tropical", 0.4));

    @Option(names = "--l1", defaultValue = "0.25", description = "The l1 penalty λ (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--noise", defaultValue = "0.5", description = "Noise norm relative to the concept mixture (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    private static Map<String, Double> scene(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    @Override
    public void run() {
        Checks.positiveLambda(lambda);
        if (!(noise >= 0)) {
            throw new SpliceInputException("--noise: must be ≥ 0, got " + noise);
        }
        ConceptVocabulary vocabulary = ConceptVocabulary.bundled("laion", ConceptVocabulary.DEFAULT_SIZE);
        EmbeddingMean mean = EmbeddingMean.bundled("clip:ViT-B-32");
        System.out.println("Splice4J demo: " + vocabulary.size() + " laion concepts, image mean " + mean.name()
                + ", λ = " + lambda);
        System.out.println("(concept embeddings are synthetic and CLIP-like, seed " + seed
                + "; names, mean and pipeline are real)");
        ClipLikeProblem problem = ClipLikeProblem.generate(vocabulary.size(), 0, mean, 1, 1, noise, seed);
        ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, problem.rawConcepts(),
                "synthetic CLIP-like concept embeddings (seed " + seed + ")");
        double[][] images = new double[SCENES.size()][];
        for (int s = 0; s < SCENES.size(); s++) {
            Map<String, Double> sc = SCENES.get(s);
            int[] idx = sc.keySet().stream().mapToInt(vocabulary::indexOf).toArray();
            double[] w = sc.values().stream().mapToDouble(Double::doubleValue).toArray();
            images[s] = problem.compose(idx, w, noise, seed + 1 + s);
        }
        Decomposer decomposer = new Decomposer(dictionary, mean, lambda,
                io.github.splice4j.solver.WorkingSetLassoSolver.create());
        List<Decomposition> out = decomposer.decompose(images);
        int found = 0;
        int planted = 0;
        for (int s = 0; s < SCENES.size(); s++) {
            Map<String, Double> sc = SCENES.get(s);
            Decomposition d = out.get(s);
            System.out.println();
            List<String> truth = new ArrayList<>();
            sc.forEach((k, v) -> truth.add(String.format("%s %.2f", k, v)));
            System.out.println("image " + (s + 1) + "  planted:   " + String.join(", ", truth));
            List<String> rec = new ArrayList<>();
            for (ConceptWeight cw : d.topConcepts(8)) {
                rec.add(String.format("%s%s %.3f", sc.containsKey(cw.name()) ? "*" : "", cw.name(), cw.weight()));
            }
            System.out.println("         recovered: " + String.join(", ", rec));
            long hits = d.concepts().stream().filter(cw -> sc.containsKey(cw.name())).count();
            found += (int) hits;
            planted += sc.size();
            System.out.printf("         l0 %d, cosine %.3f, relative duality gap %.1e, planted found %d/%d%n",
                    d.l0(), d.cosine(), d.weights().relativeGap(), hits, sc.size());
        }
        System.out.println();
        System.out.printf("recovered %d of %d planted concepts (* marks a planted concept)%n", found, planted);
    }
}
