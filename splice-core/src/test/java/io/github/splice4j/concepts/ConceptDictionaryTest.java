package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConceptDictionaryTest {
    private static final ConceptVocabulary ABC = ConceptVocabulary.of("abc", List.of("a", "b", "c"));

    @Test
    void buildsLikeTheReferenceNormaliseCentreNormalise() {
        double[][] raw = {{3, 0, 0}, {0, 2, 0}, {0, 0, 5}};
        ConceptDictionary d = ConceptDictionary.fromEmbeddings(ABC, raw, "raw");
        // normalised rows are the unit vectors; their mean is (1/3,1/3,1/3); e1 − mean = (2,−1,−1)/3
        double s = Math.sqrt(6);
        assertEquals(2 / s, d.matrix().get(0, 0), 1e-15);
        assertEquals(-1 / s, d.matrix().get(0, 1), 1e-15);
        assertEquals(-1 / s, d.matrix().get(2, 0), 1e-15);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, Vectors.norm(d.matrix().row(i)), 1e-15);
        }
    }

    @Test
    void rowCountMustMatchTheVocabulary() {
        double[][] two = {{1, 0}, {0, 1}};
        SpliceInputException e = assertThrows(SpliceInputException.class,
                () -> ConceptDictionary.fromEmbeddings(ABC, two, "concepts.npy"));
        assertTrue(e.getMessage().contains("concepts.npy") && e.getMessage().contains("2 concept embeddings")
                && e.getMessage().contains("3 concepts"), e.getMessage());
    }

    @Test
    void oneRowPerLineIsAcceptedWhenTheFileHadBlankOrRepeatedLines() {
        ConceptVocabulary v = ConceptVocabulary.of("lines", List.of("a", "", "b", "a", "c"));
        double[][] perLine = {{1, 0, 0}, {9, 9, 9}, {0, 1, 0}, {7, 7, 7}, {0, 0, 1}};
        ConceptDictionary d = ConceptDictionary.fromEmbeddings(v, perLine, "per-line");
        ConceptDictionary direct = ConceptDictionary.fromEmbeddings(ABC, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, "x");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(direct.matrix().get(i, j), d.matrix().get(i, j), 0.0);
            }
        }
    }

    @Test
    void zeroConceptEmbeddingIsNamed() {
        double[][] raw = {{1, 0}, {0, 0}, {0, 1}};
        assertTrue(assertThrows(SpliceInputException.class, () -> ConceptDictionary.fromEmbeddings(ABC, raw, "z"))
                .getMessage().contains("'b'"));
    }
}
