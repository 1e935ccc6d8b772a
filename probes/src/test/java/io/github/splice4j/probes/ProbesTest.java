package io.github.splice4j.probes;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.testkit.ClipLikeProblem;
import io.github.splice4j.testkit.PlantedConceptTask;
import io.github.splice4j.testkit.PlantedScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes on a task whose answer is known: "place" is marked by bamboo/beach, "eyes" by glasses/hat. */
class ProbesTest {
    static ConceptVocabulary vocab;
    static ClipLikeProblem problem;
    static Decomposer decomposer;
    static double[][] trainX;
    static double[][] testX;
    static PlantedConceptTask train;
    static PlantedConceptTask test;

    @BeforeAll
    static void setUp() {
        PlantedScenario s = PlantedScenario.placeAndEyes();
        vocab = s.vocabulary();
        problem = s.problem();
        decomposer = s.decomposer();
        train = s.train();
        test = s.test();
        trainX = train.embeddings();
        testX = test.embeddings();
    }

    @Test
    void sparseProbeFindsThePlantedConceptsByName() {
        List<Decomposition> tr = decomposer.decompose(trainX);
        List<Decomposition> te = decomposer.decompose(testX);
        ConceptProbe place = ConceptProbe.train(tr, train.labels("place"), 1.0);
        Accuracy acc = place.score(te, test.labels("place"), null);
        assertTrue(acc.accuracy() > 0.95, "accuracy " + acc.accuracy());
        assertEquals(2, acc.perClass().size());
        Set<String> top = new java.util.HashSet<>();
        place.topConcepts(2).values().forEach(m -> m.values().forEach(l -> l.forEach(p -> top.add(p.getA()))));
        assertTrue(top.containsAll(Set.of("bamboo", "beach")), top.toString());
        assertTrue(place.l0() >= 2 && place.l0() < 100, "probe l0 " + place.l0());
        // the sign says which class a concept speaks for
        List<Pair<String, Double>> landPositive = place.topConcepts(3).getOrDefault("land",
                place.topConcepts(3).values().iterator().next()).get("positive");
        assertTrue(!landPositive.isEmpty());

        ConceptProbe without = place.withoutConcepts(Set.of("bamboo", "beach"));
        assertTrue(without.score(te, test.labels("place"), null).accuracy() < 0.7);
        ConceptProbe eyes = ConceptProbe.train(tr, train.labels("eyes"), 1.0);
        assertTrue(eyes.withoutConcepts(Set.of("bamboo", "beach")).score(te, test.labels("eyes"), null).accuracy() > 0.95,
                "removing place concepts must not hurt the eyes probe");
    }

    @Test
    void accuracyCountsPerClassAndGroup() {
        Accuracy a = Accuracy.of(List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b"), List.of("g1", "g1", "g2", ""));
        assertEquals(0.75, a.accuracy());
        assertEquals(new Accuracy.Count(1, 1), a.perClass().get("a"));
        assertEquals(new Accuracy.Count(2, 3), a.perClass().get("b"));
        assertEquals(new Accuracy.Count(1, 2), a.perGroup().get("g1"));
        assertEquals(1, a.perGroup().get("g2").count());
        assertTrue(!a.perGroup().containsKey(""));
    }

    @Test
    void denseBaselineAndZeroShotWork() {
        assertTrue(DenseProbe.train(trainX, train.labels("place"), 1.0).score(testX, test.labels("place"), null)
                .accuracy() > 0.9);
        double[][] raw = problem.rawConcepts();
        ZeroShotClassifier zs = new ZeroShotClassifier(List.of("land", "water"),
                new double[][] {raw[vocab.indexOf("bamboo")], raw[vocab.indexOf("beach")]});
        List<String> truth = test.labels("place");
        double dense = Accuracy.of(zs.predict(testX), truth, null).accuracy();
        List<Decomposition> te = decomposer.decompose(testX);
        double[][] rec = te.stream().map(d -> decomposer.recompose(d.weights())).toArray(double[][]::new);
        double splice = Accuracy.of(zs.predict(rec), truth, null).accuracy();
        assertTrue(dense > 0.8 && splice > 0.8, dense + " / " + splice);
        assertEquals(List.of("a photo of a cat", "a photo of a dog"),
                ZeroShotClassifier.prompts(ZeroShotClassifier.DEFAULT_TEMPLATE, List.of("cat", "dog")));
    }

    @Test
    void sweepTradesSparsityForAccuracy() {
        SparsitySweep.Result r = SparsitySweep.run(decomposer, trainX, train.labels("place"),
                testX, test.labels("place"), new double[] {0.05, 0.15, 0.3, 0.6}, 1.0, ProgressListener.NONE);
        assertEquals(4, r.rows().size());
        double[] l0 = r.rows().stream().mapToDouble(SparsitySweep.Row::meanL0).toArray();
        for (int i = 1; i < l0.length; i++) {
            assertTrue(l0[i] >= l0[i - 1], Arrays.toString(l0));
        }
        assertTrue(r.rows().get(3).accuracy() > 0.9);
        assertTrue(r.denseAccuracy() > 0.9);
        assertTrue(r.markdown().contains("dense (L2 probe)"));
        String svg = r.svg();
        assertTrue(svg.startsWith("<svg") && svg.contains("polyline") && svg.contains("dense L2 probe"));
    }
}
