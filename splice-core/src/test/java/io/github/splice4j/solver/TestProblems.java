package io.github.splice4j.solver;

import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.testkit.ClipLikeProblem;

/** CLIP-like problems for solver tests: a centred dictionary and centred targets. */
final class TestProblems {
    final DictionaryMatrix dictionary;
    final double[][] targets;

    private TestProblems(DictionaryMatrix dictionary, double[][] targets) {
        this.dictionary = dictionary;
        this.targets = targets;
    }

    static TestProblems clipLike(int concepts, int n, double noise, long seed) {
        EmbeddingMean mean = EmbeddingMean.bundled("clip:ViT-B-32");
        ClipLikeProblem p = ClipLikeProblem.generate(concepts, n, mean, 3, 12, noise, seed);
        ConceptVocabulary v = ConceptVocabulary.of("generated",
                java.util.stream.IntStream.range(0, concepts).mapToObj(i -> "c" + i).toList());
        ConceptDictionary d = ConceptDictionary.fromEmbeddings(v, p.rawConcepts(), "generated");
        Decomposer dec = new Decomposer(d, mean, 0.25, WorkingSetLassoSolver.create());
        double[][] images = p.images();
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = dec.centre(images[i]);
        }
        return new TestProblems(d.matrix(), z);
    }
}
