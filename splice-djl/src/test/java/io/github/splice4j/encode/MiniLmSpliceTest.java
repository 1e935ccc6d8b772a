package io.github.splice4j.encode;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.ConceptWeight;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SpLiCE end to end on a real neural text model (all-MiniLM-L6-v2, bundled in a Maven jar). */
class MiniLmSpliceTest {
    static MiniLmTextEncoder encoder;
    static ConceptVocabulary vocabulary;
    static double[][] raw;
    static ConceptDictionary dictionary;
    static EmbeddingMean mean;

    @BeforeAll
    static void setUp() {
        encoder = MiniLmTextEncoder.bundled();
        vocabulary = ConceptVocabulary.bundled("laion", 10_000);
        raw = ConceptEmbeddingCache.embeddings(encoder, vocabulary, ProgressListener.NONE);
        dictionary = ConceptDictionary.fromEmbeddings(vocabulary, raw, encoder.modelId());
        mean = EmbeddingMean.ofNormalizedRows("vocab", raw);
    }

    @AfterAll
    static void tearDown() {
        encoder.close();
    }

    @Test
    void embeddingsAreUnitVectorsThatKnowMeaning() {
        double[][] e = encoder.encodeTexts(List.of("a photo of a cat", "a picture of a kitten", "quarterly tax report"),
                ProgressListener.NONE);
        assertEquals(384, e[0].length);
        for (double[] v : e) {
            assertEquals(1.0, Vectors.norm(v), 1e-9);
        }
        assertTrue(Vectors.dot(e[0], e[1]) > Vectors.dot(e[0], e[2]) + 0.3);
        assertTrue(encoder.modelId().startsWith("all-minilm-l6-v2-q:"));
    }

    @Test
    void conceptEmbeddingsAreCachedByModelAndVocabulary() {
        assertTrue(Files.isRegularFile(ConceptEmbeddingCache.fileFor(encoder, vocabulary)));
        double[][] again = ConceptEmbeddingCache.embeddings(encoder, vocabulary, (d, t) -> {
            throw new AssertionError("the cache was not used");
        });
        assertArrayEquals(raw[123], again[123], 0.0);
        ConceptVocabulary other = ConceptVocabulary.bundled("laion", 500);
        assertTrue(!ConceptEmbeddingCache.fileFor(encoder, other).equals(ConceptEmbeddingCache.fileFor(encoder, vocabulary)));
    }

    private static Set<String> concepts(Decomposition d, int top) {
        return d.topConcepts(top).stream().map(ConceptWeight::name).collect(Collectors.toSet());
    }

    @Test
    void sentencesDecomposeIntoTheRightConceptsByName() {
        Decomposer dec = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        List<Decomposition> out = dec.decompose(encoder.encodeTexts(List.of(
                "a bird standing in a bamboo forest", "a woman wearing glasses"), ProgressListener.NONE));
        assertTrue(concepts(out.get(0), 5).containsAll(Set.of("bamboo", "bird", "forest")), concepts(out.get(0), 5).toString());
        assertTrue(concepts(out.get(1), 3).containsAll(Set.of("glasses", "woman")), concepts(out.get(1), 3).toString());
        for (Decomposition d : out) {
            assertTrue(d.cosine() > 0.7, "cosine " + d.cosine());
            assertTrue(d.weights().relativeGap() <= 1e-6);
        }
    }

    @Test
    void fewerConceptsAsLambdaRises() {
        double[][] x = encoder.encodeTexts(List.of("a bird standing in a bamboo forest", "a dog playing on the beach at sunset"),
                ProgressListener.NONE);
        int previous = Integer.MAX_VALUE;
        for (double lambda : new double[] {0.1, 0.25, 0.4}) {
            int l0 = new Decomposer(dictionary, mean, lambda, WorkingSetLassoSolver.create()).decompose(x).stream()
                    .mapToInt(Decomposition::l0).sum();
            assertTrue(l0 < previous, "l0 " + l0 + " at λ " + lambda);
            previous = l0;
        }
    }
}
