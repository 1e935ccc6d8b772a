package io.github.splice4j.eval;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on small benchmarks in the real Waterbirds and CelebA formats with a planted
 * spurious concept: decompose, probe, discover the planted concept, remove it, worst-group accuracy rises.
 */
class BenchmarkPipelineTest {
    @TempDir
    Path dir;

    private BiasEvaluation.Result run(Path data, EvalDatasets.Loaded loaded) {
        ConceptVocabulary vocab = ConceptVocabulary.bundled("laion", 2000);
        ConceptDictionary d = ConceptDictionary.load(data.resolve("concepts.npy"), vocab);
        Decomposer dec = new Decomposer(d, EmbeddingMean.bundled("clip:ViT-B-32"), 0.25, WorkingSetLassoSolver.create());
        List<Decomposition> all = dec.decompose(Npy.readMatrix(data.resolve("embeddings.npy")));
        List<Decomposition> ordered = Arrays.stream(loaded.embeddingRows()).mapToObj(all::get).toList();
        return BiasEvaluation.run(dec, null, ordered, loaded.table(), loaded.spurious(), BiasEvaluation.Settings.defaults(List.of(), 2));
    }

    @Test
    void waterbirdsFormatWithPlantedBackgrounds() throws IOException {
        Path data = dir.resolve("wb");
        SyntheticBenchmarks.writeWaterbirds(data, 1);
        List<String> names = Files.readAllLines(data.resolve("embeddings.npy.txt"));
        EvalDatasets.Loaded loaded = EvalDatasets.waterbirds(data.resolve("metadata.csv"), names, names.size());
        assertEquals(4, loaded.table().groups(loaded.table().rows(io.github.splice4j.probes.Split.TEST)).stream()
                .distinct().count());
        BiasEvaluation.Result r = run(data, loaded);
        assertEquals(List.of("forest", "ocean"), r.discovered().stream().limit(2).map(SpuriousConceptDiscovery.Finding::concept)
                .sorted().toList());
        assertEquals(List.of("forest", "ocean"), r.removed().stream().sorted().toList());
        assertTrue(r.after().worstGroup().value() > r.before().worstGroup().value() + 0.3,
                r.before().worstGroup().value() + " -> " + r.after().worstGroup().value());
        // the birds themselves are not flagged: they mark the class, not the place
        assertTrue(r.discovered().stream().noneMatch(f -> f.concept().equals("owl") || f.concept().equals("bird")));
        String html = BiasEvaluation.html(r, "t", "d");
        assertTrue(html.contains("<svg") && html.contains("worst-group accuracy") && html.contains("forest"));
        assertTrue(BiasEvaluation.toMap(r, "t", "d").containsKey("weighted_average"));
    }

    @Test
    void celebaFormatWithAPlantedGroupConcept() {
        Path data = dir.resolve("celeba");
        SyntheticBenchmarks.writeCelebA(data, 2);
        EvalDatasets.Loaded loaded = EvalDatasets.celeba(data.resolve("list_attr_celeba.txt"),
                data.resolve("list_eval_partition.txt"), "Blond_Hair", "Male", null, 752);
        BiasEvaluation.Result r = run(data, loaded);
        assertTrue(r.removed().contains("hat"), r.removed().toString());
        assertTrue(r.after().worstGroup().value() > r.before().worstGroup().value() + 0.3);
        assertEquals(4, r.before().groups().size());
    }

    @Test
    void celebaFileNamesHaveAsciiDigitsInEveryLocale() throws IOException {
        Path data = dir.resolve("celeba-ar");
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            // Egyptian Arabic formats integers with Eastern Arabic digits by default
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            SyntheticBenchmarks.writeCelebA(data, 2);
        } finally {
            java.util.Locale.setDefault(before);
        }
        List<String> attrs = Files.readAllLines(data.resolve("list_attr_celeba.txt"));
        List<String> partition = Files.readAllLines(data.resolve("list_eval_partition.txt"));
        assertTrue(partition.get(0).startsWith("000001.jpg "), partition.get(0));
        assertTrue(attrs.stream().skip(2).allMatch(l -> l.matches("[0-9]{6}\\.jpg( +-?1)+")), attrs.get(2));
    }

    @Test
    void loadersNameTheLineAtFault() throws IOException {
        Path meta = Files.write(dir.resolve("metadata.csv"), List.of("img_id,img_filename,y,split,place,place_filename",
                "1,a.jpg,1,0,1,x", "2,b.jpg,2,0,1,x"));
        assertTrue(assertThrows(SpliceInputException.class, () -> EvalDatasets.waterbirds(meta, null, 2))
                .getMessage().contains("line 3: y is '2'"));
        Path ok = Files.write(dir.resolve("ok.csv"), List.of("img_id,img_filename,y,split,place,place_filename",
                "1,a.jpg,1,0,1,x", "2,b.jpg,0,0,1,x"));
        assertTrue(assertThrows(SpliceInputException.class, () -> EvalDatasets.waterbirds(ok, List.of("/d/a.jpg", "/d/c.jpg"), 2))
                .getMessage().contains("line 3: image b.jpg has no embedding"));
        assertTrue(assertThrows(SpliceInputException.class, () -> EvalDatasets.waterbirds(ok, null, 5))
                .getMessage().contains("2 rows, but there are 5 embeddings"));
        int[] rows = EvalDatasets.waterbirds(ok, List.of("/d/b.jpg", "/d/a.jpg"), 2).embeddingRows();
        assertEquals(List.of(1, 0), List.of(rows[0], rows[1]));
    }
}
