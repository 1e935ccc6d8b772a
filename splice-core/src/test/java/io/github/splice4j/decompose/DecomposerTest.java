package io.github.splice4j.decompose;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyReader;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.testkit.ClipLikeProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecomposerTest {
    static ClipLikeProblem problem;
    static ConceptDictionary dictionary;
    static EmbeddingMean mean;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        mean = EmbeddingMean.bundled("clip:ViT-B-32");
        problem = ClipLikeProblem.generate(2000, 30, mean, 2, 5, 0.3, 21);
        dictionary = ConceptDictionary.fromEmbeddings(ConceptVocabulary.bundled("laion", 2000), problem.rawConcepts(), "gen");
    }

    @Test
    void recoversPlantedConceptsByName() {
        Decomposer dec = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        List<Decomposition> out = dec.decompose(problem.images());
        int found = 0;
        int planted = 0;
        double cos = 0;
        for (int i = 0; i < out.size(); i++) {
            for (int c : problem.planted(i)) {
                planted++;
                found += out.get(i).concepts().stream().anyMatch(cw -> cw.index() == c
                        && cw.name().equals(dictionary.vocabulary().name(c))) ? 1 : 0;
            }
            cos += out.get(i).cosine() / out.size();
            List<ConceptWeight> top = out.get(i).topConcepts(3);
            for (int p = 1; p < top.size(); p++) {
                assertTrue(top.get(p - 1).weight() >= top.get(p).weight());
            }
        }
        assertTrue(found >= 0.95 * planted, found + " of " + planted);
        assertTrue(cos > 0.85, "mean cosine " + cos);
    }

    @Test
    void fewerConceptsAsLambdaRises() {
        double previous = Double.MAX_VALUE;
        double first = 0;
        for (double lambda : new double[] {0.02, 0.05, 0.15, 0.25, 0.4}) {
            Decomposer dec = new Decomposer(dictionary, mean, lambda, WorkingSetLassoSolver.create());
            double l0 = dec.decompose(problem.images()).stream().mapToInt(Decomposition::l0).average().orElseThrow();
            assertTrue(l0 <= previous, "l0 " + l0 + " at λ " + lambda);
            first = previous == Double.MAX_VALUE ? l0 : first;
            previous = l0;
        }
        assertTrue(previous < first / 2, "l0 from " + first + " to " + previous);
    }

    @Test
    void centreAndRecomposeFollowTheMethod() {
        Decomposer dec = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        double[] x = problem.images()[0];
        double[] z = Vectors.normalized(x);
        double[] mu = mean.values();
        double[] expected = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            expected[j] = z[j] - mu[j];
        }
        Vectors.normalizeInPlace(expected);
        assertArrayEquals(expected, dec.centre(x), 1e-15);
        LassoResult none = new LassoResult(new int[0], new double[0], 1, 0, 0.25, 0.3, 0, true);
        assertArrayEquals(Vectors.normalized(mu), dec.recompose(none), 1e-15);
        Decomposition d = dec.decompose(x);
        assertEquals(Vectors.cosine(dec.recompose(d.weights()), z), d.cosine(), 1e-15);
    }

    @Test
    void streamingGivesTheSameAnswersAsOneBatch() {
        Path p = dir.resolve("x.npy");
        Npy.write(p, problem.images(), NpyDType.FLOAT64);
        Decomposer dec = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        List<Decomposition> batch = dec.decompose(problem.images());
        List<Decomposition> streamed = new ArrayList<>();
        long[] last = {0};
        try (NpyReader r = NpyReader.open(p)) {
            dec.decompose(r, 7, streamed::add, (done, total) -> last[0] = done);
        }
        assertEquals(30, last[0]);
        assertEquals(batch.size(), streamed.size());
        for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(batch.get(i).weights().weights(), streamed.get(i).weights().weights(), 0.0);
        }
    }

    @Test
    void mismatchesAndZeroEmbeddingsAreNamed() {
        assertTrue(assertThrows(SpliceInputException.class,
                () -> new Decomposer(dictionary, EmbeddingMean.bundled("clip:RN50"), 0.25, WorkingSetLassoSolver.create()))
                .parameter().equals("mean"));
        Decomposer dec = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        assertTrue(assertThrows(SpliceInputException.class, () -> dec.decompose(new double[512]))
                .getMessage().contains("all zeros"));
        assertTrue(assertThrows(SpliceInputException.class, () -> dec.decompose(new double[10]))
                .getMessage().contains("dimension"));
        assertThrows(SpliceInputException.class, () -> new Decomposer(dictionary, mean, 0, WorkingSetLassoSolver.create()));
    }
}
