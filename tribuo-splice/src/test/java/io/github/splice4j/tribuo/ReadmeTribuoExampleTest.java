package io.github.splice4j.tribuo;

// README:tribuo-imports-begin
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.tribuo.ConceptFeaturizer;
import io.github.splice4j.tribuo.EmbeddingDataSource;
import io.github.splice4j.tribuo.SpliceModel;
import io.github.splice4j.tribuo.SpliceTrainer;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
// README:tribuo-imports-end
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.testkit.ClipLikeProblem;
import io.github.splice4j.testkit.ReadmeQuotes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Tribuo example: it compiles, runs on files of the shapes it names, and is quoted in the README. */
class ReadmeTribuoExampleTest {
    @TempDir
    Path dir;

    static SpliceModel<Label> example(Path dir) throws IOException {
        // README:tribuo-begin
        // X.npy: dense CLIP embeddings, n × 512 (features clip@0000 … clip@0511); labels.csv: a header, a "label"
        // column and group columns, which land in each example's metadata; C.npy: the concepts' raw CLIP embeddings
        var source = new EmbeddingDataSource<>(dir.resolve("X.npy"), dir.resolve("labels.csv"), "label",
                List.of("place"), new LabelFactory());
        var train = new MutableDataset<>(source);
        var dictionary = ConceptDictionary.load(dir.resolve("C.npy"), ConceptVocabulary.bundled("laion", 10_000));
        var featurizer = new ConceptFeaturizer(dictionary, EmbeddingMean.bundled("clip:ViT-B-32"), 0.25);
        var l1 = new LibLinearClassificationTrainer(new LinearClassificationType(LinearType.L1R_LR), 1.0, 1000, 0.01);
        SpliceModel<Label> model = new SpliceTrainer<>(l1, featurizer).train(train);   // decomposes, then trains
        System.out.println(model.getTopFeatures(5));                      // weights by concept name: bamboo, beach, …
        var explanation = model.explain(train.getExample(0));             // concept weight × coefficient, and the bias
        System.out.println(explanation.contributions() + " + " + explanation.bias());
        SpliceModel<Label> withoutBamboo = model.withoutConcepts(Set.of("bamboo"));   // drops a concept
        model.serializeToFile(dir.resolve("model.tribuo"));               // protobuf; loading never runs Java deserialisation
        Model<?> loaded = Model.deserializeFromFile(dir.resolve("model.tribuo"));
        // README:tribuo-end
        assertEquals(model.getProvenance(), loaded.getProvenance());
        assertTrue(withoutBamboo.removedConcepts().contains("bamboo"));
        return model;
    }

    @Test
    void runsAndIsQuotedInTheReadme() throws IOException {
        EmbeddingMean mean = EmbeddingMean.bundled("clip:ViT-B-32");
        ConceptVocabulary vocab = ConceptVocabulary.bundled("laion", 10_000);
        ClipLikeProblem p = ClipLikeProblem.generate(10_000, 0, mean, 1, 1, 0.5, 5);
        Npy.write(dir.resolve("C.npy"), p.rawConcepts(), NpyDType.FLOAT32);
        Random rng = new Random(3);
        List<double[]> x = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of("label,place"));
        for (int i = 0; i < 120; i++) {
            boolean land = i % 2 == 0;
            x.add(p.compose(new int[] {vocab.indexOf(land ? "bamboo" : "beach"), rng.nextInt(10_000)},
                    new double[] {0.8, 0.5}, 0.4, i));
            csv.add((land ? "land" : "water") + "," + (rng.nextBoolean() ? "A" : "B"));
        }
        Npy.write(dir.resolve("X.npy"), x.toArray(new double[0][]), NpyDType.FLOAT32);
        Files.write(dir.resolve("labels.csv"), csv);
        SpliceModel<Label> model = example(dir);
        assertTrue(model.getTopFeatures(3).toString().contains("bamboo"), model.getTopFeatures(3).toString());
        String block = ReadmeQuotes.block(Path.of("src/test/java/io/github/splice4j/tribuo/ReadmeTribuoExampleTest.java"),
                "tribuo-imports", "tribuo");
        assertTrue(ReadmeQuotes.javaBlocks(Path.of("..", "README.md")).contains(block),
                "README.md must quote, as a java block:\n" + block);
    }
}
