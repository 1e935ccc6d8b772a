package io.github.splice4j.solver;

import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.testkit.ClipLikeProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole 37,445-concept laion vocabulary at d = 512 inside the 2 GB heap the build gives tests. */
class FullVocabularyMemoryTest {

    @Test
    void fullLaionVocabularyRunsInATwoGigabyteHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 2L * 1024 * 1024 * 1024,
                "run under -Xmx2g (set in the build's surefire argLine)");
        ConceptVocabulary all = ConceptVocabulary.bundled("laion", -1);
        assertEquals(37_445, all.size());
        EmbeddingMean mean = EmbeddingMean.bundled("clip:ViT-B-32");
        ClipLikeProblem p = ClipLikeProblem.generate(all.size(), 300, mean, 3, 12, 0.8, 9);
        ConceptDictionary d = ConceptDictionary.fromEmbeddings(all, p.rawConcepts(), "generated");
        List<Decomposition> out = new Decomposer(d, mean, 0.25, WorkingSetLassoSolver.create()).decompose(p.images());
        assertEquals(300, out.size());
        for (Decomposition dec : out) {
            assertTrue(dec.weights().converged());
            assertTrue(dec.weights().relativeGap() <= 1e-6);
            assertTrue(dec.l0() > 0);
        }
    }
}
