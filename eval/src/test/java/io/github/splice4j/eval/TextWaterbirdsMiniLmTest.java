package io.github.splice4j.eval;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.encode.ConceptEmbeddingCache;
import io.github.splice4j.encode.MiniLmTextEncoder;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bias pipeline on a real model: captions pairing real bird species with real scenes, background
 * correlated with the class in train (95%) and balanced in test, embedded by all-MiniLM-L6-v2.
 */
class TextWaterbirdsMiniLmTest {
    @TempDir
    Path dir;

    @Test
    void discoveryNamesBackgroundsAndRemovingThemDoesNotHurtTheWorstGroup() throws IOException {
        TextWaterbirds.write(dir, 5, 60, 1);
        List<String> captions = Files.readAllLines(dir.resolve("captions.txt"));
        EvalDatasets.Loaded data = EvalDatasets.waterbirds(dir.resolve("metadata.csv"), null, captions.size());
        try (MiniLmTextEncoder enc = MiniLmTextEncoder.bundled()) {
            ConceptVocabulary vocab = ConceptVocabulary.bundled("laion", 10_000);
            double[][] raw = ConceptEmbeddingCache.embeddings(enc, vocab, ProgressListener.NONE);
            Decomposer dec = new Decomposer(ConceptDictionary.fromEmbeddings(vocab, raw, enc.modelId()),
                    EmbeddingMean.ofNormalizedRows("vocab", raw), 0.25, WorkingSetLassoSolver.create());
            List<Decomposition> ds = dec.decompose(enc.encodeTexts(captions, ProgressListener.NONE));
            BiasEvaluation.Result r = BiasEvaluation.run(dec, null, ds, data.table(), data.spurious(),
                    BiasEvaluation.Settings.defaults(List.of(), 10));
            List<String> found = r.discovered().stream().map(SpuriousConceptDiscovery.Finding::concept).toList();
            assertTrue(found.contains("forest"), found.toString());
            assertTrue(found.stream().anyMatch(Set.of("coastline", "shoreline", "lake", "ocean", "beach", "sea")::contains),
                    found.toString());
            // the spurious correlation shows: the probe fails a minority group far more than the majority
            assertTrue(r.before().worstGroup().value() < 0.6 && r.before().average().value() > 0.75);
            assertTrue(r.after().worstGroup().value() >= r.before().worstGroup().value(),
                    r.before().worstGroup().value() + " -> " + r.after().worstGroup().value());
            assertTrue(r.before().worstGroup().ci().low() < r.before().worstGroup().value());
        }
    }
}
