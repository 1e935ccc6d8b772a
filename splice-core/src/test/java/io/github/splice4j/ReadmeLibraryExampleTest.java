package io.github.splice4j;

// README:library-imports-begin
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.nio.file.Path;
// README:library-imports-end
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.testkit.ClipLikeProblem;
import io.github.splice4j.testkit.ReadmeQuotes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's library example: it compiles, runs, and is quoted in the README as it stands here. */
class ReadmeLibraryExampleTest {
    @TempDir
    Path dir;

    static Decomposition example(Path conceptsFile, double[] imageEmbedding) {
        // README:library-begin
        // conceptsFile: raw CLIP embeddings of the vocabulary's concepts (splice dictionary writes it)
        ConceptVocabulary vocab = ConceptVocabulary.bundled("laion", 10_000);
        ConceptDictionary dictionary = ConceptDictionary.load(conceptsFile, vocab);
        Decomposer decomposer = new Decomposer(dictionary, EmbeddingMean.bundled("clip:ViT-B-32"),
                Penalty.lambda(0.25), WorkingSetLassoSolver.create());
        Decomposition d = decomposer.decompose(imageEmbedding);          // a double[512] CLIP image embedding
        d.topConcepts(5).forEach(c -> System.out.println(c.name() + " " + c.weight()));
        System.out.println(d.cosine() + " " + d.l0() + " " + d.weights().relativeGap());
        // README:library-end
        return d;
    }

    @Test
    void runsAndIsQuotedInTheReadme() throws IOException {
        ClipLikeProblem p = ClipLikeProblem.generate(10_000, 1, EmbeddingMean.bundled("clip:ViT-B-32"), 3, 3, 0.3, 9);
        Path concepts = dir.resolve("concepts.npy");
        Npy.write(concepts, p.rawConcepts(), NpyDType.FLOAT32);
        Decomposition d = example(concepts, p.images()[0]);
        assertTrue(d.l0() > 0 && d.weights().relativeGap() <= 1e-6);
        String block = ReadmeQuotes.block(Path.of("src/test/java/io/github/splice4j/ReadmeLibraryExampleTest.java"),
                "library-imports", "library");
        assertTrue(ReadmeQuotes.javaBlocks(Path.of("..", "README.md")).contains(block),
                "README.md must quote, as a java block:\n" + block);
    }
}
