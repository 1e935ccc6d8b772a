package io.github.splice4j.interventions;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.probes.Accuracy;
import io.github.splice4j.probes.DenseProbe;
import io.github.splice4j.testkit.PlantedConceptTask;
import io.github.splice4j.testkit.PlantedScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterventionsTest {
    static ConceptVocabulary vocab;
    static ConceptDictionary dictionary;
    static Decomposer decomposer;
    static PlantedConceptTask train;
    static PlantedConceptTask test;

    @BeforeAll
    static void setUp() {
        PlantedScenario s = PlantedScenario.placeAndEyes();
        vocab = s.vocabulary();
        dictionary = s.dictionary();
        decomposer = s.decomposer();
        train = s.train();
        test = s.test();
    }

    @Test
    void namesResolveWithListsThresholdsAndSuggestions() {
        ConceptResolver r = new ConceptResolver(dictionary);
        ResolvedConcepts one = r.resolve(List.of("glasses"), List.of("hat"), Double.NaN);
        assertEquals(List.of("glasses", "hat").stream().sorted().toList(), one.names().stream().sorted().toList());
        assertEquals("named", one.reasons().get("glasses"));
        assertEquals("listed", one.reasons().get("hat"));
        ResolvedConcepts near = r.resolve(List.of("glasses"), List.of(), 0.3);
        assertTrue(near.names().size() > 1, "topic neighbours above cosine 0.3: " + near.names());
        near.reasons().forEach((n, why) -> assertTrue(n.equals("glasses") || why.startsWith("related to glasses")));
        SpliceInputException e = assertThrows(SpliceInputException.class, () -> r.resolve(List.of("glases"), List.of(), Double.NaN));
        assertTrue(e.getMessage().contains("unknown concept 'glases'") && e.getMessage().contains("glasses"), e.getMessage());
        assertEquals(17, ConceptPresets.get("waterbirds-land").size());
        assertThrows(SpliceInputException.class, () -> ConceptPresets.get("celeba"));
    }

    @Test
    void removingConceptsFromRepresentationsBlindsADenseModelToThemOnly() {
        List<Decomposition> te = decomposer.decompose(test.embeddings());
        double[][] recomposed = te.stream().map(d -> decomposer.recompose(d.weights())).toArray(double[][]::new);
        DenseProbe eyes = DenseProbe.train(train.embeddings(), train.labels("eyes"), 1.0);
        DenseProbe place = DenseProbe.train(train.embeddings(), train.labels("place"), 1.0);
        assertTrue(eyes.score(recomposed, test.labels("eyes"), null).accuracy() > 0.9);

        ResolvedConcepts glasses = new ConceptResolver(dictionary).resolve(List.of("glasses", "hat"), List.of(), Double.NaN);
        RepresentationIntervention.Result edit = RepresentationIntervention.apply(decomposer, test.embeddings(), te, glasses);
        assertTrue(edit.weightMassRemoved() > 0.1 && edit.weightMassRemoved() < 0.9, "mass " + edit.weightMassRemoved());
        assertTrue(edit.affected() > 150);
        assertTrue(edit.meanCosineAfter() < edit.meanCosineBefore());
        for (Decomposition d : edit.edited()) {
            assertTrue(d.concepts().stream().noneMatch(c -> Set.of("glasses", "hat").contains(c.name())));
        }
        Accuracy after = eyes.score(edit.recomposed(), test.labels("eyes"), null);
        assertTrue(after.accuracy() < 0.7, "eyes after removing glasses/hat: " + after.accuracy());
        assertTrue(place.score(edit.recomposed(), test.labels("place"), null).accuracy() > 0.9,
                "the place target keeps its accuracy");
    }
}
