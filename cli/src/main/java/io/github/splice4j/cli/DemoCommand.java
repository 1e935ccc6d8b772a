package io.github.splice4j.cli;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.encode.ConceptEmbeddingCache;
import io.github.splice4j.encode.MiniLmTextEncoder;
import io.github.splice4j.encode.TextEncoder;
import io.github.splice4j.testkit.ClipLikeProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code splice demo}: SpLiCE on bundled data. By default a real model: the laion vocabulary and a few
 * sentences are encoded by all-MiniLM-L6-v2 (which ships in a Maven jar) and each sentence is
 * decomposed into named concepts. With {@code --synthetic}, image embeddings made from known concepts
 * of a generated CLIP-like dictionary (with the real clip:ViT-B-32 image mean) are decomposed and the
 * recovered concepts printed next to the truth.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"SpLiCE on bundled data: decompose sentences into laion concepts with a real text model",
                "(all-MiniLM-L6-v2, bundled); --synthetic: recover known concepts of generated CLIP-like embeddings."})
final class DemoCommand implements Runnable {
    static final List<String> SENTENCES = List.of(
            "a bird standing in a bamboo forest",
            "a woman wearing glasses",
            "a police officer on a motorbike",
            "a dog playing on the beach at sunset");

    @Option(names = "--synthetic", description = "Run the generated CLIP-like problem with known concepts instead.")
    boolean synthetic;

    @Option(names = "--text", description = "Sentences to decompose instead of the built-in ones (repeatable).")
    List<String> texts;

    private static final List<Map<String, Double>> SCENES = List.of(
            scene("bamboo", 0.9, "forest", 0.7, "bird", 0.6),
            scene("woman", 0.9, "glasses", 0.7, "smile", 0.5),
            scene("motorbike", 0.8, "police", 0.7, "britain", 0.6),
            scene("beach", 0.9, "sunset", 0.6, "palm", 0.5, "tropical", 0.4));

    @Option(names = "--l1", defaultValue = "0.25", description = "The l1 penalty λ (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--noise", defaultValue = "0.5", description = "With --synthetic: noise norm relative to the concept mixture (default ${DEFAULT-VALUE}).")
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
        Checks.lambda("--l1", lambda);
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new SpliceInputException("--noise: must be a finite number ≥ 0, got " + noise);
        }
        if (synthetic) {
            runSynthetic();
        } else {
            runRealModel();
        }
    }

    private void runRealModel() {
        ConceptVocabulary vocabulary = ConceptVocabulary.bundled("laion", ConceptVocabulary.DEFAULT_SIZE);
        List<String> sentences = texts == null || texts.isEmpty() ? SENTENCES : texts;
        try (TextEncoder encoder = MiniLmTextEncoder.bundled()) {
            System.out.println("Splice4J demo: " + sentences.size() + " sentences decomposed into " + vocabulary.size()
                    + " laion concepts, λ = " + lambda);
            System.out.println("(text encoder: " + encoder.modelId() + ", a real model bundled in a Maven jar; "
                    + "concept embeddings cached in " + ConceptEmbeddingCache.fileFor(encoder, vocabulary).getParent() + ")");
            double[][] raw = ConceptEmbeddingCache.embeddings(encoder, vocabulary, new StderrProgress("encoding concepts"));
            ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw, encoder.modelId());
            Decomposer decomposer = new Decomposer(dictionary, EmbeddingMean.ofNormalizedRows("vocab", raw), lambda,
                    io.github.splice4j.solver.WorkingSetLassoSolver.create());
            List<Decomposition> out = decomposer.decompose(encoder.encodeTexts(sentences, ProgressListener.NONE));
            for (int i = 0; i < sentences.size(); i++) {
                Decomposition d = out.get(i);
                System.out.println();
                System.out.println("\"" + sentences.get(i) + "\"");
                List<String> rec = new ArrayList<>();
                for (ConceptWeight cw : d.topConcepts(8)) {
                    rec.add(String.format("%s %.3f", cw.name(), cw.weight()));
                }
                System.out.println("  " + String.join(", ", rec));
                System.out.printf("  l0 %d, cosine %.3f, relative duality gap %.1e%n", d.l0(), d.cosine(),
                        d.weights().relativeGap());
            }
        }
    }

    private void runSynthetic() {
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
